import { VigilError } from '../../../shared/errors';

/**
 * The refusal of a package whose only failed checks are `consistency`: the sender's log does not
 * extend the last checkpoint received from that vault. The reasons are the checks' own sentences.
 */
export function historyRefusal(why: string): VigilError {
  return new VigilError(
    'HISTORY_REWRITTEN',
    `The package was refused and nothing was imported. ${why} Ask the sender what happened to their vault ` +
      `(restored from a backup, copied to another computer) before you rely on it; import it only if you accept ` +
      `that its history differs from what they sent before.`,
  );
}
