// Fast paths for verifying long logs. Each may only answer "certainly valid"; on any doubt the
// caller falls back to the zod schema and the `canonicalize` package, which stay the definition.
import { HEX32_RE } from './encoding';

/** The entry formats, shared with the zod schema so the two cannot drift apart. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** RFC 3339 UTC with exactly three fraction digits. */
export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A dotted action name such as item.ingested or member.key_rotated. */
export const ACTION_RE = /^[a-z][a-zA-Z0-9_]*(\.[a-z][a-zA-Z0-9_]*)+$/;
/** Longest action name and subject id accepted. */
export const MAX_ACTION = 100;
export const MAX_SUBJECT = 200;

const ENTRY_KEYS = ['action', 'actor', 'data', 'hash', 'prev', 'seq', 'subject', 'ts', 'v', 'vault'] as const;

/** True when `ts` is a real instant: Date rolls 2026-02-30 over to March, so a round trip catches it. */
export function isRealInstant(ts: string): boolean {
  const ms = Date.parse(ts);
  return Number.isFinite(ms) && new Date(ms).toISOString() === ts;
}

const isHex = (x: unknown): boolean => typeof x === 'string' && HEX32_RE.test(x);
const isPlainObject = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True only if `raw` (a JSON.parse result) certainly satisfies custodyEntrySchema. */
export function isSurelyValidEntry(raw: unknown): boolean {
  if (!isPlainObject(raw)) return false;
  const o = raw as Record<string, unknown>;
  if (Object.keys(o).length !== ENTRY_KEYS.length || !ENTRY_KEYS.every((k) => Object.hasOwn(o, k))) return false;
  const { v, vault, seq, ts, actor, action, subject, hash, data, prev } = o;
  return (
    v === 1 &&
    typeof vault === 'string' &&
    UUID_RE.test(vault) &&
    Number.isSafeInteger(seq) &&
    (seq as number) >= 0 &&
    typeof ts === 'string' &&
    TS_RE.test(ts) &&
    isRealInstant(ts) &&
    isHex(actor) &&
    typeof action === 'string' &&
    action.length <= MAX_ACTION &&
    ACTION_RE.test(action) &&
    (subject === null || (typeof subject === 'string' && subject.length >= 1 && subject.length <= MAX_SUBJECT)) &&
    (hash === null || isHex(hash)) &&
    isPlainObject(data) &&
    isHex(prev)
  );
}

function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (typeof value !== 'object' || value === null) return true;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !((keys[i - 1] as string) < (keys[i] as string))) return false;
    if (!keysSorted((value as Record<string, unknown>)[keys[i] as string])) return false;
  }
  return true;
}

/**
 * True only if `text` is certainly the RFC 8785 form of `raw` (its JSON.parse result).
 * JSON.stringify writes numbers and strings exactly as RFC 8785 does and keeps the parsed
 * member order; so equal text plus sorted members everywhere means canonical. V8 lists
 * integer-like keys first, which can make this say false for a canonical text: then the
 * caller's full check decides.
 */
export function isSurelyCanonical(raw: unknown, text: string): boolean {
  return JSON.stringify(raw) === text && keysSorted(raw);
}
