// @ts-check
// A small SMS app for the conversation-test examples (README, "Conversation tests"): plain Node
// http, no dependencies. SignalWire (or the local server) POSTs each inbound SMS to /sms; the
// app answers with cXML. Keywords: HELP, CODE (a six-digit code to send back), STOP and START.
//   PORT=3000 SIGNALWIRE_SIGNING_KEY=… node examples/app/app.js
const http = require('node:http');
const { createHmac, randomInt, timingSafeEqual } = require('node:crypto');

const key = process.env.SIGNALWIRE_SIGNING_KEY;
const stopped = new Set();
const codes = new Map();

/** X-SignalWire-Signature: base64(HMAC-SHA1(key, URL + each sorted parameter name and value)). */
function signed(url, params, signature) {
	if (!key) {
		return true;
	}
	const data = Object.keys(params)
		.sort()
		.reduce((acc, name) => acc + name + params[name], url);
	const expected = Buffer.from(createHmac('sha1', key).update(data).digest('base64'));
	const given = Buffer.from(String(signature ?? ''));
	return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(from, text) {
	const word = text.trim().toUpperCase();
	if (word === 'STOP') {
		stopped.add(from);
		return undefined;
	}
	if (word === 'START') {
		stopped.delete(from);
		return 'Welcome back! Reply HELP for help.';
	}
	if (stopped.has(from)) {
		return undefined;
	}
	if (word === 'HELP') {
		return 'Support line: reply CODE for a login code. Reply STOP to unsubscribe.';
	}
	if (word === 'CODE') {
		const code = String(randomInt(100000, 1000000));
		codes.set(from, code);
		return `Your code is ${code}`;
	}
	if (/^\d{6}$/.test(word) && codes.has(from)) {
		const right = codes.get(from) === word;
		codes.delete(from);
		return right ? 'Verified!' : 'That code is not right.';
	}
	return 'Sorry, I did not understand. Reply HELP for help.';
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const server = http.createServer((req, res) => {
	let body = '';
	req.on('data', (chunk) => (body += chunk));
	req.on('end', () => {
		if (req.method !== 'POST' || req.url !== '/sms') {
			res.writeHead(req.url === '/' ? 200 : 404).end();
			return;
		}
		const params = Object.fromEntries(new URLSearchParams(body));
		if (!signed(`http://${req.headers.host}${req.url}`, params, req.headers['x-signalwire-signature'])) {
			res.writeHead(403).end();
			return;
		}
		const reply = answer(params.From, params.Body ?? '');
		const message = reply === undefined ? '' : `<Message>${escape(reply)}</Message>`;
		res
			.writeHead(200, { 'content-type': 'application/xml' })
			.end(`<?xml version="1.0" encoding="UTF-8"?><Response>${message}</Response>`);
	});
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
	console.log(`example SMS app on http://127.0.0.1:${server.address().port}/sms`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
