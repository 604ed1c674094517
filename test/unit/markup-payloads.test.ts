/**
 * HTML and Markdown in a body, a media URL or an API error message is shown as text in the history
 * tooltip (src/history/presentation.ts tooltipMarkdown, a MarkdownString in the tree). The
 * Markdown is rendered here by a CommonMark renderer with raw HTML *allowed* (stricter than VS
 * Code's `supportHtml: false`): no element may come out of the payloads, and their text must
 * read back intact. The renderer is markdown-it, which this repository already has through
 * @vscode/vsce; without it the rendering check is skipped (the escaping checks still run).
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ERROR_CODES_URL } from '../../src/core/errorCodes';
import type { HistoryEntry } from '../../src/history/entry';
import { entryFields, escapeMarkdown, tooltipMarkdown } from '../../src/history/presentation';
import { MARKUP_PAYLOADS } from '../fixtures/markupPayloads';
import { message, PROFILE } from '../fixtures/builders';

interface Renderer {
	render(markdown: string): string;
}

function loadRenderer(): Renderer | undefined {
	try {
		const markdownIt = createRequire(__filename)('markdown-it') as (options: Record<string, unknown>) => Renderer;
		return markdownIt({ html: true, linkify: true });
	} catch {
		return undefined;
	}
}

function failedEntry(payload: string): HistoryEntry {
	return {
		id: 'e1',
		profile: PROFILE,
		params: { to: '+15550100199', from: '+15550100100', body: payload, mediaUrls: [`https://example.com/x.png?q=${encodeURIComponent(payload)}`] },
		error: { kind: 'api', message: payload, httpStatus: 422, code: 21610 },
		createdAt: Date.UTC(2026, 0, 6, 12),
		updatedAt: Date.UTC(2026, 0, 6, 12),
	};
}

function undeliveredEntry(payload: string): HistoryEntry {
	return {
		...failedEntry(payload),
		error: undefined,
		message: message({
			body: payload,
			error_code: '30003',
			error_message: payload,
			sid: '0a059168-ead0-41af-9d1f-343dae832527',
			status: 'undelivered',
			uri: '/x',
			subresource_uris: null,
		}),
	};
}

/** The text a reader sees in rendered HTML: tags removed, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
	return html
		.replace(/<[^>]*>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

const ELEMENTS_FROM_TOOLTIP = new Set(['p', 'strong', 'br', 'hr', 'a']);

describe('markup payloads are text in the history tooltip', () => {
	const renderer = loadRenderer();

	for (const payload of MARKUP_PAYLOADS) {
		for (const [kind, make] of [
			['a failed send', failedEntry],
			['an undelivered message', undeliveredEntry],
		] as const) {
			it(`${kind}: ${JSON.stringify(payload)}`, function () {
				const markdown = tooltipMarkdown(make(payload));
				// Escaping: the payload's text appears only escaped.
				assert.ok(markdown.includes(escapeMarkdown(payload)), 'the payload is escaped');
				if (/[<[`*_!]/.test(payload)) {
					assert.ok(!markdown.includes(payload.replace(/\n/g, ' ')), 'the raw payload is not in the Markdown');
				}
				if (!renderer) {
					this.skip();
				}
				const html = renderer.render(markdown);
				const tags = [...html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)].map((m) => m[1]!.toLowerCase());
				const unexpected = tags.filter((t) => !ELEMENTS_FROM_TOOLTIP.has(t));
				assert.deepEqual(unexpected, [], `elements from the payload: ${html}`);
				const links = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/gi)].map((m) => m[1]);
				assert.deepEqual(links, [ERROR_CODES_URL], 'the only link is SignalWire\'s error-code page');
				assert.ok(!/javascript:/i.test(links.join(' ')));
				const text = visibleText(html);
				const expected = payload.replace(/\s+/g, ' ');
				assert.ok(text.includes(expected), `the payload reads back as text: ${text}`);
			});
		}
	}

	it('the expanded item shows the payload as a plain value (tree labels are never rendered)', () => {
		const payload = MARKUP_PAYLOADS[0]!;
		const fields = entryFields(failedEntry(payload));
		assert.equal(fields.find((f) => f.key === 'body')?.value, payload);
		assert.equal(fields.find((f) => f.key === 'errorMessage')?.value, payload);
		assert.equal(fields.find((f) => f.key === 'body')?.url, undefined, 'no link is made of user text');
	});
});
