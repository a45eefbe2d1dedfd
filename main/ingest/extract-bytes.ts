/**
 * The parsing side of extraction: bytes and a sniffed media type in, an
 * ExtractionResult out. It runs inside the extraction worker (and, for small
 * plain-text files, inline), and turns every failure into a readable result.
 */
import { assertNever, isVigilError } from '../../shared/errors';
import { decodeText } from './decode-text';
import { extractDocx } from './extract-docx';
import { extractImage } from './extract-image';
import { extractPdf } from './extract-pdf';
import type { ExtractionResult, ExtractorOutput, WorkerRequest } from './extraction-types';
import { extractorFor } from './media-type';

/** Extracts text and metadata from bytes of a known media type; never throws. */
export async function extractBytes(req: WorkerRequest): Promise<ExtractionResult> {
  try {
    const out = await dispatch(req);
    return capText({ ...out, mediaType: out.mediaType ?? req.mediaType }, req.maxTextChars);
  } catch (cause) {
    return {
      status: 'failed',
      mediaType: req.mediaType,
      error: describeFailure(cause, req.mediaType),
      metadata: {},
      sensitive: {},
    };
  }
}

async function dispatch(req: WorkerRequest): Promise<ExtractorOutput> {
  const kind = extractorFor(req.mediaType);
  switch (kind) {
    case 'pdf':
      return extractPdf(req.data, req.maxTextChars);
    case 'docx':
      return extractDocx(req.data);
    case 'image':
      return extractImage(req.data);
    case 'text': {
      const { text, encoding } = decodeText(req.data);
      return { status: 'ok', text, metadata: { encoding }, sensitive: {} };
    }
    case null:
      return {
        status: 'unsupported',
        error: `Text is not extracted from ${req.mediaType} files; the file is stored unchanged.`,
        metadata: {},
        sensitive: {},
      };
    default:
      return assertNever(kind, 'extractor');
  }
}

// Keeps the stored text bounded; the note in metadata says how much there was.
function capText(result: ExtractionResult, maxChars: number): ExtractionResult {
  const text = result.text;
  if (text === undefined || text.length <= maxChars) return result;
  let cut = maxChars;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
  return {
    ...result,
    text: text.slice(0, cut),
    metadata: { ...result.metadata, textTruncated: true, textChars: text.length, textCharsKept: cut },
  };
}

/** A readable reason for a failure, without the file's name or contents. */
export function describeFailure(cause: unknown, mediaType: string): string {
  if (isVigilError(cause)) return cause.message;
  const err = cause instanceof Error ? cause : new Error(String(cause));
  if (err.name === 'PasswordException')
    return 'The PDF is password-protected; its text cannot be read without the password.';
  if (err.name === 'InvalidPDFException')
    return `The PDF is damaged or incomplete and could not be read (${err.message}).`;
  if (err instanceof RangeError && /allocation|memory|Invalid (typed )?array length/i.test(err.message))
    return 'Reading the file needed too much memory and was stopped; the file may be damaged or hostile.';
  return `The ${mediaType} file could not be read: ${err.message.slice(0, 300)}`;
}
