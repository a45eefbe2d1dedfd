import { readFileSync } from 'node:fs';
import { VigilError } from '../../shared/errors';
import type { UnlockSecret } from '../vault/open';

/** Options every command that unlocks a vault accepts. */
export interface SecretOptions {
  passphraseFile?: string;
  recoveryCode?: boolean;
}

/** Reads a line from the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new VigilError(
      'INVALID_INPUT',
      'No passphrase given. Type it at a terminal, or set VIGIL_PASSPHRASE, or use --passphrase-file FILE.',
    );
  }
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new VigilError('CANCELLED', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (err: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    stdin.on('data', onData);
  });
}

function readSecretFile(file: string): string {
  try {
    // Only the first line counts, so a trailing newline from an editor does not become part of the passphrase.
    return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch (cause) {
    throw new VigilError('IO_ERROR', `Cannot read the passphrase file ${file}.`, { cause });
  }
}

/** The secret that unlocks a vault: the recovery code if asked for, else the passphrase (env, file or prompt). */
export async function readUnlockSecret(opts: SecretOptions): Promise<UnlockSecret> {
  if (opts.recoveryCode) {
    const code = process.env.VIGIL_RECOVERY_CODE ?? (await promptHidden('Recovery code: '));
    return { recoveryCode: code };
  }
  if (opts.passphraseFile) return { passphrase: readSecretFile(opts.passphraseFile) };
  const fromEnv = process.env.VIGIL_PASSPHRASE;
  if (fromEnv !== undefined) return { passphrase: fromEnv };
  return { passphrase: await promptHidden('Passphrase: ') };
}

/** The raw string of an unlock secret, for re-authenticating the same slot. */
export function secretText(secret: UnlockSecret): string {
  return 'passphrase' in secret ? secret.passphrase : secret.recoveryCode;
}

/**
 * A new passphrase: from the given env variable or file, or typed twice at
 * the terminal. Short passphrases are refused: Argon2id slows guessing, it
 * cannot save a weak passphrase.
 */
export async function readNewPassphrase(
  envName: string,
  file: string | undefined,
  who = 'New passphrase',
): Promise<string> {
  let value: string;
  if (file) value = readSecretFile(file);
  else if (process.env[envName] !== undefined) value = process.env[envName] ?? '';
  else {
    value = await promptHidden(`${who}: `);
    const again = await promptHidden(`${who} again: `);
    if (again !== value)
      throw new VigilError('INVALID_INPUT', 'The two passphrases differ. Nothing was changed; try again.');
  }
  if ([...value].length < 8)
    throw new VigilError('INVALID_INPUT', 'Choose a passphrase of at least 8 characters (several words are best).');
  return value;
}
