// A verification finding: the vocabulary every check of a vault speaks (the vault's own checks,
// the evidence checks and the composed report above them), kept low so they all can use it.

/** One line of a verification report: what was checked, whether it held, and what was found. */
export interface Finding {
  check: 'database' | 'custody' | 'checkpoint' | 'head' | 'header' | 'object' | 'orphan' | 'transcript' | 'record';
  ok: boolean;
  /** Warnings (e.g. orphans left by a crash) do not fail the verification. */
  warning?: boolean;
  subject?: string;
  detail: string;
}
