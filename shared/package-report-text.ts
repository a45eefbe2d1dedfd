/**
 * The sentences of a package verification report, shared by `vigil verify` (printed) and the
 * offline verifier page (shown): the same report in the same words on both. The checks' own
 * sentences are made by the verifier; these frame them. Names from a package are passed
 * through printable, so they cannot forge or hide lines.
 */
import type { PackageCheckName } from './domain';
import { printable } from './printable';

/** One check as a report shows it. */
interface ReportCheck {
  check: PackageCheckName;
  ok: boolean;
  warning?: boolean | undefined;
  subject?: string | undefined;
  detail: string;
}

/** What the framing sentences need of a report. */
export interface ReportFacts {
  ok: boolean;
  packageId?: string | undefined;
  bag?: string | undefined;
  vault?: string | undefined;
  items: number;
  signers: { name: string; publicKey: string; fingerprint: string }[];
  checks: ReportCheck[];
}

/** A check's verdict in one word: FAIL, NOTE (a warning; it passes) or PASS. */
export function checkMark(c: ReportCheck): 'FAIL' | 'NOTE' | 'PASS' {
  return !c.ok ? 'FAIL' : c.warning === true ? 'NOTE' : 'PASS';
}

/** The report's title: the package id (or what was given) and its bag. */
export function reportTitle(r: ReportFacts, target: string): string {
  return (
    `Verification of ` +
    `${r.packageId ? `package ${printable(r.packageId)}` : printable(target)}${r.bag ? ` (bag ${printable(r.bag)})` : ''}`
  );
}

/** Where the package comes from and what it holds; null when the bag did not say. */
export function reportOrigin(r: ReportFacts): string | null {
  return r.vault ? `From vault ${printable(r.vault)}; ${r.items} evidence item(s).` : null;
}

/** Said before the signers' fingerprints. */
export const SIGNERS_INTRO =
  'Signers named in the package (compare each fingerprint with the sender over a separate channel):';

/** One signer: name, fingerprint and the start of the key. */
export function signerLine(s: ReportFacts['signers'][number]): string {
  return `${printable(s.name)}  fingerprint ${s.fingerprint}  (ed25519:${s.publicKey.slice(0, 16)}…)`;
}

/** A check's finding: where, then what. */
export function checkText(c: ReportCheck): string {
  return `${c.subject ? `${printable(c.subject)}: ` : ''}${printable(c.detail)}`;
}

/** The closing verdict. */
export function resultSentence(ok: boolean): string {
  return ok
    ? 'Result: every check passed.'
    : 'Result: PROBLEMS FOUND (see FAIL lines above). Do not rely on this package; ask the sender for a new copy.';
}

/** The checks in reading order for a person: failures first, then notes, then passes, each in the order made. */
export function checksForReading<C extends ReportCheck>(checks: readonly C[]): C[] {
  const rank = (c: ReportCheck): number => (!c.ok ? 0 : c.warning === true ? 1 : 2);
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}
