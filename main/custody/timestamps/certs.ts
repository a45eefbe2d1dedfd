/**
 * The TSA's certificates: PEM in and out, readable names, and the RFC 3161 §2.3 rules for the
 * certificate that signs tokens (extended key usage timeStamping only, and critical).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, sha256 } from './engine';
import { MAX_PEM_BYTES } from './limits';

const MAX_CERTS = 1000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** A certificate with the exact DER it came as. */
export interface HeldCert {
  cert: pkijs.Certificate;
  der: Buffer;
}

/** Reads every CERTIFICATE block of a PEM text; throws with a readable reason when one is not a certificate. */
export function certsFromPem(text: string): HeldCert[] {
  if (text.length > MAX_PEM_BYTES) throw new Error(`the certificate file is larger than ${MAX_PEM_BYTES} bytes`);
  const held: HeldCert[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (held.length >= MAX_CERTS) throw new Error(`the certificate file holds more than ${MAX_CERTS} certificates`);
    const der = Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64');
    held.push(certFromDer(der, held.length + 1));
  }
  return held;
}

/** A certificate from its DER; throws when the bytes are not exactly one certificate. */
function certFromDer(der: Buffer, position = 1): HeldCert {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.byteLength)
    throw new Error(`certificate ${position} in the file is not valid DER`);
  try {
    return { cert: new pkijs.Certificate({ schema: parsed.result }), der };
  } catch (err) {
    throw new Error(
      `certificate ${position} in the file cannot be read (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
}

/** The DER of a certificate pkijs read from a token (its signed part is kept byte for byte). */
export function heldCert(cert: pkijs.Certificate): HeldCert {
  return { cert, der: Buffer.from(cert.toSchema(false).toBER(false)) };
}

/** PEM text of certificates, in the order given. */
export function certsToPem(certs: readonly HeldCert[]): string {
  return certs
    .map((c) => {
      const lines = c.der.toString('base64').match(/.{1,64}/g) ?? [];
      return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
    })
    .join('');
}

/** True when two certificates are the same certificate (same signed part). */
export function sameCert(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView));
}

/** True for a self-issued certificate (a root a trust file may anchor). */
export function isSelfIssued(cert: pkijs.Certificate): boolean {
  return cert.subject.isEqual(cert.issuer);
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '2.5.4.97': 'organizationIdentifier',
};

/**
 * A distinguished name as RFC 4514 writes it (most specific first), control characters shown as U+XXXX, at most 300
 * characters.
 */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  const parts = name.typesAndValues.map((tv) => {
    const raw: unknown = (tv.value.valueBlock as { value?: unknown }).value;
    const value =
      typeof raw === 'string' ? raw : Buffer.from(tv.value.valueBlock.valueHexView ?? new Uint8Array()).toString('hex');
    return `${SHORT_NAMES[tv.type] ?? tv.type}=${value}`;
  });
  // Control and bidi characters could forge report lines.
  const shown = parts
    .reverse()
    .join(', ')
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
    );
  return shown.length > 300 ? `${shown.slice(0, 299)}…` : shown;
}

/**
 * Lowercase hex SHA-256 of a certificate (the fingerprint `openssl x509 -fingerprint -sha256` prints, without colons).
 */
export function certFingerprint(c: HeldCert): string {
  return sha256(c.der).toString('hex');
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/**
 * RFC 3161 §2.3: the TSA's certificate has exactly one extended key usage, id-kp-timeStamping,
 * and the extension is critical; a key usage, if present, allows signatures. Null when it
 * holds, otherwise why not.
 */
export function timestampingProblem(cert: pkijs.Certificate): string | null {
  const eku = extension(cert, OID.extKeyUsage);
  if (eku === undefined) return 'it has no extended key usage, so it is not a certificate for timestamping';
  const purposes = eku.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!purposes.includes(OID.timeStamping))
    return 'its extended key usage does not include timeStamping, so it is not a certificate for timestamping';
  if (purposes.length !== 1)
    return 'its extended key usage allows other purposes than timeStamping (RFC 3161 allows timeStamping only)';
  if (!eku.critical) return 'its timeStamping extended key usage is not marked critical, as RFC 3161 requires';
  const ku = extension(cert, OID.keyUsage);
  if (ku !== undefined && ku.parsedValue instanceof asn1js.BitString) {
    const first = ku.parsedValue.valueBlock.valueHexView[0] ?? 0;
    if ((first & 0xc0) === 0) return 'its key usage allows neither digital signatures nor non-repudiation';
  }
  return null;
}

/** When a certificate is valid, in words: "from … to …". */
export function validityWords(cert: pkijs.Certificate): string {
  return `from ${cert.notBefore.value.toISOString()} to ${cert.notAfter.value.toISOString()}`;
}
