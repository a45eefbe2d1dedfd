/**
 * The closed set of error codes that cross module and process boundaries.
 * A code names what happened; the message says what to do about it.
 */
export const ERROR_CODES = [
  'WRONG_PASSPHRASE',
  'VAULT_LOCKED',
  'VAULT_IN_USE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_FROM_FUTURE',
  'VAULT_CORRUPT',
  'CUSTODY_BROKEN',
  'OBJECT_NOT_FOUND',
  'OBJECT_CORRUPT',
  'AGE_NO_IDENTITY_MATCH',
  'AGE_MALFORMED',
  'PACKAGE_INVALID',
  'SIGNER_UNTRUSTED',
  'HISTORY_REWRITTEN',
  'ALREADY_IMPORTED',
  'UPDATE_REFUSED',
  'NOT_FOUND',
  'INVALID_INPUT',
  'NOT_GRANTED',
  'DISK_FULL',
  'IO_ERROR',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error shape that crosses IPC and is printed by the CLI. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** The one error type of the project: a code from ERROR_CODES and a message a person can act on. */
export class VigilError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VigilError';
    this.code = code;
  }

  /** The plain-data form, safe to send over IPC or print. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** True when `value` is a VigilError (also across realms, by shape). */
export function isVigilError(value: unknown): value is VigilError {
  return value instanceof VigilError;
}

/** For exhaustive switches over unions: fails to compile when a case is missing. */
export function assertNever(value: never, what = 'value'): never {
  throw new VigilError('INTERNAL', `Unexpected ${what}: ${String(value)}`);
}
