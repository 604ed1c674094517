/**
 * A self-signed certificate for the local server over https (`startSandbox({ tls })`), made at
 * start with node:crypto alone: an EC P-256 key, and an X.509 v3 certificate for `localhost`,
 * `127.0.0.1` and `::1`, valid for a day, that is its own CA (so that a client can trust it through
 * NODE_EXTRA_CA_CERTS, SSL_CERT_FILE or REQUESTS_CA_BUNDLE). Node has no API that writes a
 * certificate, so the DER is written here (RFC 5280; ITU-T X.690 for the encoding).
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

function length(n: number): Buffer {
	if (n < 0x80) {
		return Buffer.from([n]);
	}
	const bytes: number[] = [];
	for (let rest = n; rest > 0; rest >>= 8) {
		bytes.unshift(rest & 0xff);
	}
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, value: Buffer | number[]): Buffer {
	const content = Buffer.isBuffer(value) ? value : Buffer.from(value);
	return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octets = (value: Buffer): Buffer => tlv(0x04, value);
const explicit = (n: number, value: Buffer): Buffer => tlv(0xa0 + n, value);
const TRUE = tlv(0x01, [0xff]);

function integer(value: Buffer): Buffer {
	return tlv(0x02, value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(dotted: string): Buffer {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [40 * first + second];
	for (const part of rest) {
		const group = [part & 0x7f];
		for (let v = part >> 7; v > 0; v >>= 7) {
			group.unshift(0x80 | (v & 0x7f));
		}
		bytes.push(...group);
	}
	return tlv(0x06, bytes);
}

function utcTime(date: Date): Buffer {
	const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
	return tlv(0x17, Buffer.from(text, 'ascii'));
}

function name(commonName: string): Buffer {
	return sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
	return sequence(oid(id), ...(critical ? [TRUE] : []), octets(value));
}

function pem(label: string, der: Buffer): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface LoopbackCertificate {
	/** The private key, PKCS#8 PEM. */
	key: string;
	/** The certificate, PEM: the server's and the CA to trust. */
	cert: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** A new key and a self-signed certificate for localhost, 127.0.0.1 and ::1, valid from an hour ago for a day. */
export function makeLoopbackCertificate(now = new Date()): LoopbackCertificate {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	// The key identifier: SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2, method 1); the
	// uncompressed P-256 point is the last 65 bytes of the SPKI.
	const keyId = createHash('sha1')
		.update(spki.subarray(spki.length - 65))
		.digest();
	const serial = randomBytes(16);
	serial[0] &= 0x7f;
	const subject = name('sms-sandbox local server (self-signed)');
	const loopbackNames = sequence(
		tlv(0x82, Buffer.from('localhost', 'ascii')),
		tlv(0x87, [127, 0, 0, 1]),
		tlv(0x87, [...Array<number>(15).fill(0), 1]),
	);
	const tbs = sequence(
		explicit(0, integer(Buffer.from([2]))),
		integer(serial),
		sequence(oid(ECDSA_WITH_SHA256)),
		subject,
		sequence(utcTime(new Date(now.getTime() - 3_600_000)), utcTime(new Date(now.getTime() + 24 * 3_600_000))),
		subject,
		spki,
		explicit(
			3,
			sequence(
				extension('2.5.29.19', true, sequence(TRUE)),
				// keyUsage: digitalSignature (bit 0) and keyCertSign (bit 5); 2 unused bits.
				extension('2.5.29.15', true, tlv(0x03, [0x02, 0x84])),
				extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
				extension('2.5.29.17', false, loopbackNames),
				extension('2.5.29.14', false, octets(keyId)),
				extension('2.5.29.35', false, sequence(tlv(0x80, keyId))),
			),
		),
	);
	const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
	const certificate = sequence(
		tbs,
		sequence(oid(ECDSA_WITH_SHA256)),
		tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
	);
	return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: pem('CERTIFICATE', certificate) };
}
