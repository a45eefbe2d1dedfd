/**
 * The verdicts on opening a package (decrypt, then the tar inside), shared by `vigil verify`
 * and the offline verifier page so both say the same thing about the same file. Pure: no Node.
 */
import { isVigilError } from '../../../shared/errors';
import type { CheckList } from './report';

/** Records that the package decrypted and its archive was safe to read. */
export function recordOpened(list: CheckList): void {
  list.pass(
    'decrypt',
    'The package opens with the given key and no byte of it was altered (every encrypted chunk authenticated).',
  );
  list.pass('tar', 'The archive is one folder of plain files: no links, devices, escaping paths or colliding names.');
}

/**
 * Records why a package could not be opened: `decryptError` is what decryption failed with
 * (if it did), `err` what reading the bag failed with. Returns false when the failure is none
 * of these (an internal error the caller rethrows).
 */
export function recordNotOpened(list: CheckList, decryptError: unknown, err: unknown): boolean {
  const age = decryptError ?? err;
  if (isVigilError(age) && age.code === 'AGE_NO_IDENTITY_MATCH') {
    list.fail(
      'decrypt',
      `The package cannot be opened with the given key: it was sealed for someone else. (${age.message})`,
    );
  } else if (isVigilError(age) && age.code === 'AGE_MALFORMED') {
    list.fail(
      'decrypt',
      `The package no longer decrypts: it was altered, damaged or cut short after it was sealed. (${age.message})`,
    );
  } else if (isVigilError(err) && (err.code === 'PACKAGE_INVALID' || err.code === 'INVALID_INPUT')) {
    list.pass('decrypt', 'The package opens with the given key.');
    list.fail('tar', `The archive inside the package is unsafe or broken and was not unpacked: ${err.message}`);
  } else return false;
  return true;
}
