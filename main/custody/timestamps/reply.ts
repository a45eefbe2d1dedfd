/**
 * Reading an RFC 3161 TimeStampResp (the .tsr a TSA answers with): its status, and the token
 * taken apart — the CMS SignedData and the TSTInfo it signs. Nothing here is trusted yet;
 * verify-token.ts decides whether the token holds.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { integerHex, OID, sha256, tspEngine } from './engine';
import { MAX_REPLY_BYTES } from './limits';

/** A check's outcome: the value, or why it was refused (a sentence a person can read). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A granted reply's token, read but not yet verified. */
export interface ParsedToken {
  /** The TimeStampToken (CMS ContentInfo) as it is in the reply, DER. */
  der: Buffer;
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
  /** Hash algorithm OID and hex digest of the message imprint. */
  imprintAlgorithm: string;
  imprint: string;
  /** Hex of the nonce as a number, or null when the token carries none. */
  nonce: string | null;
  genTime: Date;
  serial: string;
  policy: string;
}

// RFC 3161 §2.4.2 PKIFailureInfo bits.
const FAILURES: Record<number, string> = {
  0: 'unrecognized or unsupported hash algorithm (badAlg)',
  2: 'transaction not permitted or supported (badRequest)',
  5: 'the data submitted has the wrong format (badDataFormat)',
  14: "the TSA's time source is not available (timeNotAvailable)",
  15: 'the requested TSA policy is not supported (unacceptedPolicy)',
  16: 'the requested extension is not supported (unacceptedExtension)',
  17: 'the additional information requested is not available (addInfoNotAvailable)',
  25: 'the request cannot be handled due to system failure (systemFailure)',
};

const STATUS_WORDS = [
  'granted',
  'granted with modifications',
  'rejection',
  'waiting',
  'revocation warning',
  'revocation notification',
];

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function failureNames(bits: asn1js.BitString | undefined): string[] {
  if (bits === undefined) return [];
  const view = bits.valueBlock.valueHexView;
  const names: string[] = [];
  for (let i = 0; i < view.length * 8; i++) {
    if ((((view[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) === 1) names.push(FAILURES[i] ?? `failure bit ${i}`);
  }
  return names;
}

function statusSentence(info: pkijs.PKIStatusInfo): string {
  const word = STATUS_WORDS[info.status] ?? `unknown status ${info.status}`;
  const texts = (info.statusStrings ?? []).map((s) => s.valueBlock.value).filter((s) => s !== '');
  const failures = failureNames(info.failInfo);
  const parts = [
    `status: ${word}`,
    ...(texts.length > 0 ? [`the TSA says: "${texts.join(' ')}"`] : []),
    ...(failures.length > 0 ? [`reason: ${failures.join('; ')}`] : []),
  ];
  return parts.join('; ');
}

/** Parses DER exactly: one element, no bytes after it. */
function parseDer(bytes: Uint8Array): asn1js.AsnType | null {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength) return null;
  return parsed.result;
}

function readTokenParts(tokenDer: Buffer): Outcome<{ signedData: pkijs.SignedData; tstInfo: pkijs.TSTInfo }> {
  const schema = parseDer(tokenDer);
  if (schema === null) return refuse('its timestamp token is not valid DER');
  const content = new pkijs.ContentInfo({ schema });
  if (content.contentType !== OID.signedData)
    return refuse(`its timestamp token is not CMS SignedData (content type ${content.contentType})`);
  const signedData = new pkijs.SignedData({ schema: content.content });
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo)
    return refuse('its signed content is not a TSTInfo (RFC 3161 timestamp information)');
  if (signedData.signerInfos.length !== 1)
    return refuse(`its token carries ${signedData.signerInfos.length} signatures; RFC 3161 allows only the TSA's one`);
  const eContent = signedData.encapContentInfo.eContent;
  if (eContent === undefined) return refuse('its token carries no TSTInfo');
  const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
  if (tstInfo.version !== 1) return refuse(`its TSTInfo has version ${tstInfo.version}; only version 1 is defined`);
  return { ok: true, value: { signedData, tstInfo } };
}

/**
 * Reads a TimeStampResp: refused (with the TSA's own words) unless its status is granted or
 * granted with modifications and it carries a well-formed token. The token's DER is kept
 * byte for byte: its SHA-256 is what the custody entry cites.
 */
export function readTimestampReply(bytes: Uint8Array): Outcome<ParsedToken> {
  tspEngine();
  if (bytes.byteLength === 0) return refuse('the reply file is empty');
  if (bytes.byteLength > MAX_REPLY_BYTES)
    return refuse(
      `the reply is ${bytes.byteLength} bytes, more than any timestamp reply (${MAX_REPLY_BYTES} bytes at most)`,
    );
  try {
    const schema = parseDer(bytes);
    if (!(schema instanceof asn1js.Sequence))
      return refuse(
        'the file is not an RFC 3161 timestamp reply (TimeStampResp, DER): was the reply saved whole, without ' +
          'conversion?',
      );
    const resp = new pkijs.TimeStampResp({ schema });
    const status = resp.status.status;
    if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods)
      return refuse(`the TSA did not grant the timestamp (${statusSentence(resp.status)})`);
    const tokenElement = schema.valueBlock.value[1];
    if (resp.timeStampToken === undefined || tokenElement === undefined)
      return refuse('the TSA granted the request but its reply carries no timestamp token');
    const der = Buffer.from(tokenElement.valueBeforeDecodeView);
    const parts = readTokenParts(der);
    if (!parts.ok) return parts;
    const { signedData, tstInfo } = parts.value;
    return {
      ok: true,
      value: {
        der,
        signedData,
        tstInfo,
        imprintAlgorithm: tstInfo.messageImprint.hashAlgorithm.algorithmId,
        imprint: Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
        nonce: tstInfo.nonce === undefined ? null : integerHex(tstInfo.nonce.valueBlock.valueHexView),
        genTime: tstInfo.genTime,
        serial: integerHex(tstInfo.serialNumber.valueBlock.valueHexView),
        policy: tstInfo.policy,
      },
    };
  } catch (err) {
    return refuse(
      `the file is not a well-formed RFC 3161 timestamp reply (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/** Lowercase hex SHA-256 of a token's DER (what custody entries and packages cite). */
export function tokenSha256(token: ParsedToken): string {
  return sha256(token.der).toString('hex');
}
