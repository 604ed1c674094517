/**
 * Small helpers of the sandbox: formats and HTTP answers. Independent of the extension's src/core.
 */
import type { ServerResponse } from 'node:http';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const E164 = /^\+[1-9]\d{1,14}$/;

/** RFC 2822 date as the API writes it: `Mon, 13 Aug 2018 21:38:46 +0000`. */
export function rfc2822(date: Date): string {
	return date.toUTCString().replace(/GMT$/, '+0000');
}

export function moreInfo(code: number): string {
	return `https://developer.signalwire.com/compatibility-api/reference/error-codes#${code}`;
}

/** An absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && /^https?:\/\//i.test(value);
	} catch {
		return false;
	}
}

/** `application/x-www-form-urlencoded` into repeated-key form: accepts `+` and `%20` for spaces. */
export function parseForm(text: string): Record<string, string[]> {
	const form: Record<string, string[]> = {};
	for (const [name, value] of new URLSearchParams(text)) {
		(form[name] ??= []).push(value);
	}
	return form;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
	res.end(text);
}

/** SignalWire's error body `{code, message, more_info, status}`. */
export function errorBody(status: number, code: number, message: string): { code: number; message: string; more_info: string; status: number } {
	return { code, message, more_info: moreInfo(code), status };
}

export function sendError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
	sendJson(res, status, errorBody(status, code, message), headers);
}
