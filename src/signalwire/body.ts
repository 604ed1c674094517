/**
 * Reads an answer's body within a time limit and a size cap. No `vscode` import.
 */
import { SignalWireTimeoutError, UnexpectedResponseError, type RequestDescription } from './errors';

/**
 * The body as text, within `timeoutMs` (ky's timeout ends when the headers arrive) and at most
 * `maxBytes`: a longer answer (by its Content-Length, or as it streams) is cancelled and refused
 * with an {@link UnexpectedResponseError} of reason `too-large`; a slow one with a
 * {@link SignalWireTimeoutError}. Any other failure of the stream is rethrown as it is.
 */
export async function readCappedBody(
	response: Response,
	request: RequestDescription,
	limits: { timeoutMs: number; maxBytes: number },
): Promise<string> {
	const tooLarge = (): UnexpectedResponseError =>
		new UnexpectedResponseError({
			...request,
			reason: 'too-large',
			httpStatus: response.status,
			maxBytes: limits.maxBytes,
		});
	const declared = Number(response.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limits.maxBytes) {
		response.body?.cancel().catch(() => undefined);
		throw tooLarge();
	}
	if (!response.body) {
		return '';
	}
	const reader = response.body.getReader();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timedOut = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new SignalWireTimeoutError({ ...request, timeoutMs: limits.timeoutMs })),
			limits.timeoutMs,
		);
	});
	const read = async (): Promise<string> => {
		const decoder = new TextDecoder();
		let text = '';
		let bytes = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) {
				return text + decoder.decode();
			}
			bytes += value.byteLength;
			if (bytes > limits.maxBytes) {
				throw tooLarge();
			}
			text += decoder.decode(value, { stream: true });
		}
	};
	try {
		return await Promise.race([read(), timedOut]);
	} catch (error) {
		reader.cancel().catch(() => undefined);
		throw error;
	} finally {
		clearTimeout(timer);
	}
}
