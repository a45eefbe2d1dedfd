/**
 * Passphrase strength, estimated by zxcvbn-ts (dictionaries, keyboard patterns,
 * dates, repeats) rather than by counting character classes.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

let estimator: ZxcvbnFactory | null = null;

/** Score 0 (guessable in seconds) … 4 (very strong), and whether it is strong enough to create a vault. */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
}

/** The weakest score Vigil accepts for a vault passphrase. */
export const MIN_SCORE = 3;

/** Estimates `passphrase`; `userInputs` (name, folder) count as guessable words. */
export function passphraseStrength(passphrase: string, userInputs: string[] = []): Strength {
  // Built on first use: the dictionaries are large, and the unlock screen may never need them.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
  });
  const score = estimator.check(passphrase, userInputs).score;
  return { score, acceptable: score >= MIN_SCORE };
}
