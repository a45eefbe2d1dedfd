/**
 * Whether an RFC 3161 token holds for given data: its imprint is the data's SHA-256, the TSA's
 * signature over the TSTInfo verifies, the certificate it names is a timestamping certificate
 * valid at genTime that leads to a root the person trusts, genTime is not in the future and,
 * when a request is being answered, the nonce is the request's.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  certFingerprint,
  certsFromPem,
  certsToPem,
  distinguishedName,
  heldCert,
  sameCert,
  timestampingProblem,
  validityWords,
  type HeldCert,
} from './certs';
import { signingCertificateProblem, validateChain } from './chain';
import { OID, sha256, tspEngine } from './engine';
import { tokenSha256, type Outcome, type ParsedToken } from './reply';

/** How far genTime may be ahead of this computer's clock (clocks of air-gapped machines drift). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What the token must be about. `nonce` undefined: not checked (a package carries no request). */
interface TokenExpectations {
  data: Uint8Array;
  nonce?: string;
}

/** A token that held, and what it says. */
export interface VerifiedTimestamp {
  /** The TSA: the subject of the certificate that signed the token. */
  tsa: string;
  genTime: string;
  serial: string;
  policy: string;
  imprint: string;
  nonce: string | null;
  tokenSha256: string;
  /** The verified path, TSA certificate first, root last, as PEM. */
  chainPem: string;
  /** SHA-256 of the root certificate, to compare with the one the TSA publishes. */
  rootFingerprint: string;
}

const CONTENT_TYPE_ATTR = '1.2.840.113549.1.9.3';

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function readTrust(pem: string): Outcome<HeldCert[]> {
  try {
    const certs = certsFromPem(pem);
    return certs.length > 0
      ? { ok: true, value: certs }
      : refuse(
          'the trust file holds no PEM certificate (-----BEGIN CERTIFICATE-----); a DER certificate converts ' +
            'with: openssl x509 -inform DER -in ca.cer -out ca.pem',
        );
  } catch (err) {
    return refuse(`the trust file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function contentTypeProblem(signerInfo: pkijs.SignerInfo): string | null {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === CONTENT_TYPE_ATTR);
  const value = attr?.values[0];
  return value instanceof asn1js.ObjectIdentifier && value.valueBlock.toString() === OID.tstInfo
    ? null
    : 'its signed attributes do not declare the content as a TSTInfo';
}

/** Verifies the CMS signature over the TSTInfo; returns the certificate that made it. */
async function checkSignature(token: ParsedToken, data: Uint8Array, certs: HeldCert[]): Promise<Outcome<HeldCert>> {
  const sd = token.signedData;
  const [signerInfo] = sd.signerInfos;
  if (signerInfo === undefined) return refuse('its token carries no signature');
  // Certificates the reply left out may be in the trust file (the token is changed in memory only).
  sd.certificates = certs.map((c) => c.cert);
  let verified: pkijs.SignedDataVerifyResult;
  try {
    verified = await sd.verify(
      { signer: 0, data: new Uint8Array(data).buffer, checkChain: false, extendedMode: true },
      tspEngine(),
    );
  } catch (err) {
    const e = err as Partial<pkijs.SignedDataVerifyResult>;
    if (e.code === 3)
      return refuse('the certificate that signed the token is neither in the reply nor in the trust file');
    return refuse(
      `its signature does not verify: the token was altered after the TSA signed it (${e.message ?? String(err)})`,
    );
  }
  const signer = verified.signerCertificate ?? null;
  if (verified.signatureVerified !== true || signer === null)
    return refuse('its signature does not verify: the token was altered after the TSA signed it');
  const held = certs.find((c) => sameCert(c.cert, signer)) ?? heldCert(signer);
  const problem = contentTypeProblem(signerInfo) ?? signingCertificateProblem(signerInfo, held);
  return problem === null ? { ok: true, value: held } : refuse(problem);
}

function uniqueCerts(lists: HeldCert[][]): HeldCert[] {
  const out: HeldCert[] = [];
  for (const c of lists.flat()) if (!out.some((o) => sameCert(o.cert, c.cert))) out.push(c);
  return out;
}

function timeProblem(signer: HeldCert, genTime: Date, now: Date): string | null {
  const { notBefore, notAfter } = signer.cert;
  if (genTime < notBefore.value || genTime > notAfter.value) {
    return (
      `the TSA certificate was not valid at the time the token gives (${genTime.toISOString()}; the certificate ` +
      `is valid ${validityWords(signer.cert)}): ` +
      `${genTime > notAfter.value ? 'it had expired' : 'it was not yet valid'}`
    );
  }
  if (genTime.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return (
      `the token's time (${genTime.toISOString()}) is later than this computer's clock (${now.toISOString()}): a ` +
      `timestamp cannot come from the future. Check the clock of this computer, then try again`
    );
  }
  return null;
}

/** Verifies `token` against `expect` with the certificates of `trustPem` as the only roots of trust. */
export async function verifyTimestampToken(
  token: ParsedToken,
  expect: TokenExpectations,
  trustPem: string,
  opts: { now?: Date } = {},
): Promise<Outcome<VerifiedTimestamp>> {
  const trust = readTrust(trustPem);
  if (!trust.ok) return trust;
  if (token.imprintAlgorithm !== OID.sha256)
    return refuse(
      `its message imprint is made with hash algorithm ${token.imprintAlgorithm}, not SHA-256 as requested`,
    );
  const expected = sha256(expect.data).toString('hex');
  if (token.imprint !== expected)
    return refuse(
      `it timestamps other data: its message imprint is ${token.imprint}, but the checkpoint's SHA-256 is ` +
        `${expected} (a reply to another request?)`,
    );
  const tokenCerts = (token.signedData.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map(heldCert);
  const all = uniqueCerts([tokenCerts, trust.value]);
  const signed = await checkSignature(token, expect.data, all);
  if (!signed.ok) return signed;
  const signer = signed.value;
  const eku = timestampingProblem(signer.cert);
  if (eku !== null)
    return refuse(
      `the certificate that signed it (${distinguishedName(signer.cert.subject)}) is not a TSA certificate: ${eku}`,
    );
  const time = timeProblem(signer, token.genTime, opts.now ?? new Date());
  if (time !== null) return refuse(time);
  const chain = await validateChain(signer, trust.value, tokenCerts, token.genTime);
  if (!chain.ok) return chain;
  if (expect.nonce !== undefined && token.nonce !== expect.nonce) {
    return refuse(
      `its nonce (${token.nonce ?? 'none'}) is not the request's (${expect.nonce}): it answers another ` +
        `request, or an old reply was replayed`,
    );
  }
  const root = chain.path.at(-1) ?? signer;
  return {
    ok: true,
    value: {
      tsa: distinguishedName(signer.cert.subject),
      genTime: token.genTime.toISOString(),
      serial: token.serial,
      policy: token.policy,
      imprint: token.imprint,
      nonce: token.nonce,
      tokenSha256: tokenSha256(token),
      chainPem: certsToPem(chain.path),
      rootFingerprint: certFingerprint(root),
    },
  };
}
