/**
 * What every webview page of the extension shares: the escaping of values put into markup, the
 * Content Security Policy (no source but the nonce'd script, styles, images and fonts from the
 * webview's own origin; images also over https) and the `<head>`. Pure: no `vscode`.
 */

/** Escapes a value for an HTML attribute or text (URIs, the nonce, cspSource and translated labels). */
export function attr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The opening of a webview page up to and including `<body>`, with its strict CSP. */
export function pageHead({
	cspSource,
	nonce,
	styleUri,
	title,
	lang,
}: {
	cspSource: string;
	nonce: string;
	styleUri: string;
	title: string;
	lang: string;
}): string[] {
	const csp = [
		`default-src 'none'`,
		`script-src 'nonce-${nonce}'`,
		`style-src ${cspSource}`,
		`img-src ${cspSource} https:`,
		`font-src ${cspSource}`,
	].join('; ');
	return [
		'<!DOCTYPE html>',
		`<html lang="${attr(lang)}">`,
		'<head>',
		'<meta charset="UTF-8">',
		`<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1.0">',
		`<link rel="stylesheet" href="${attr(styleUri)}">`,
		`<title>${attr(title)}</title>`,
		'</head>',
		'<body>',
	];
}
