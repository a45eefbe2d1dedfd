import { describe, expect, it } from 'vitest';
import { MIN_SCORE, passphraseStrength } from '../../../../../renderer/features/unlock/strength';

describe('renderer/features/unlock/strength/passphraseStrength', () => {
  it('refuses dictionary words, keyboard walks and dates, whatever their character classes', () => {
    for (const weak of ['password', 'Password1!', 'qwertyuiop', '12345678', '1999-12-31', 'iloveyou2']) {
      expect(passphraseStrength(weak), weak).toMatchObject({ acceptable: false });
    }
  });

  it('accepts a long passphrase of unrelated words', () => {
    const strength = passphraseStrength('tangerine anvil oxbow quietly 47 drizzle');
    expect(strength.score).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(strength.acceptable).toBe(true);
  });

  it('counts the names it is given (the person, the vault folder) as guessable', () => {
    const passphrase = 'Zhytomyrska-Kovalenko';
    expect(passphraseStrength(passphrase, ['zhytomyrska', 'kovalenko']).score).toBeLessThan(
      passphraseStrength(passphrase).score,
    );
  });
});
