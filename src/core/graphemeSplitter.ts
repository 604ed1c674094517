/**
 * Stands in for the `grapheme-splitter` package inside the bundles (esbuild alias): the platform's
 * `Intl.Segmenter` splits text into grapheme clusters by the same Unicode rules (and newer
 * ones), and saves 22 KB of tables in the extension and the webview. `sms-segments-calculator`
 * only calls `new GraphemeSplitter().splitGraphemes(text)`. A unit test compares both.
 */
export default class GraphemeSplitter {
	private static segmenter: Intl.Segmenter | undefined;

	splitGraphemes(text: string): string[] {
		GraphemeSplitter.segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
		const graphemes: string[] = [];
		for (const { segment } of GraphemeSplitter.segmenter.segment(text)) {
			graphemes.push(segment);
		}
		return graphemes;
	}
}
