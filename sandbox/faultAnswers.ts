/**
 * The answers of the misbehaviour switches (faults.ts): what the sandbox sends instead of the
 * normal answer when a fault acts on a request.
 */
import type { Message } from '../src/core/types';
import type { FaultDecision, RequestKind } from './faults';
import type { ApiRoute, Reply } from './http';
import type { SandboxNumber } from './numbers';
import { buildMessage } from './store';
import { errorBody } from './util';

const HTML_PAGES: Record<500 | 502, string> = {
	500: '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1>\n<p>Something went wrong. Please try again later.</p></body></html>\n',
	502: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
};

export interface FaultAnswerContext {
	projectId: string;
	numbers: readonly SandboxNumber[];
	route: ApiRoute;
	form: Record<string, string[]>;
}

/** The answer of a fault to a request of `kind` (undefined: a route no fault scope names). */
export function faultAnswer(answer: NonNullable<FaultDecision['answer']>, kind: RequestKind | undefined, ctx: FaultAnswerContext): Reply {
	const okStatus = kind === 'create' ? 201 : 200;
	switch (answer.type) {
		case 'drop':
			return { type: 'drop' };
		case 'status429':
			return {
				type: 'json',
				status: 429,
				body: errorBody(429, 20429, 'There were too many requests or throughput was exceeded.'),
				...(answer.retryAfter !== undefined ? { headers: { 'retry-after': answer.retryAfter } } : {}),
			};
		case 'apiError':
			return {
				type: 'json',
				status: answer.status,
				body: 'body' in answer ? answer.body : errorBody(answer.status, answer.code ?? 10000, answer.message ?? 'Simulated API error.'),
			};
		case 'html':
			return { type: 'text', status: answer.status, contentType: 'text/html', text: HTML_PAGES[answer.status] };
		case 'invalidJson':
			return { type: 'text', status: okStatus, contentType: 'application/json; charset=utf-8', text: '{"sid": "0a059168-ead0-41af-9d1f-343dae832527", "status": "queu' };
		default: {
			const form = ctx.form;
			const sample = buildMessage({
				projectId: ctx.projectId,
				prefix: ctx.route.prefix,
				to: form.To?.[0] ?? '+15550100999',
				from: form.From?.[0] ?? ctx.numbers[0].phoneNumber,
				messagingServiceSid: null,
				body: form.Body?.[0] ?? 'Hello',
				mediaUrls: form.MediaUrl ?? [],
				sendAsMms: false,
			}) as Partial<Message>;
			delete sample.sid;
			delete sample.status;
			if (kind !== 'list' && kind !== 'numbers') {
				return { type: 'json', status: okStatus, body: sample };
			}
			const key = kind === 'numbers' ? 'incoming_phone_numbers' : 'messages';
			const item = kind === 'numbers' ? { friendly_name: 'no sid', capabilities: { sms: true } } : sample;
			return { type: 'json', status: 200, body: { uri: '', first_page_uri: '', next_page_uri: null, previous_page_uri: null, page: 0, page_size: 50, [key]: [item] } };
		}
	}
}
