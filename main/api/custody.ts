/** What the custody channels answer: the log page by page, checks, checkpoints and RFC 3161 timestamps. */
import path from 'node:path';
import type { ReqParsed, Res } from '../../shared/contract';
import { VigilError } from '../../shared/errors';
import { latestCheckpointView, makeCheckpointView, verifyVaultReadable } from './custody-checks';
import { attachTimestampFiles, writeTimestampRequest } from '../custody/timestamps/files';
import { timestampSummary } from '../custody/timestamps/store';
import { refusalMessage } from '../custody/timestamps/timestamps';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { custodyPage } from './custody-view';

/** custody:entries — one page of the log in a scope, newest first. */
export function custodyEntries(db: ReadDb, req: ReqParsed<'custody:entries'>): Res<'custody:entries'> {
  return custodyPage(db, req.scope, req.offset, req.limit);
}

/** custody:verify — the vault's checks, reporting each object read (the task around it is the caller's). */
export function custodyVerify(
  vault: Vault,
  req: ReqParsed<'custody:verify'>,
  onObject: (done: number, total: number) => void,
): Promise<Res<'custody:verify'>> {
  return verifyVaultReadable(vault, { quick: req.quick ?? false, onObject });
}

/** custody:checkpoint — the latest signed checkpoint. */
export function custodyCheckpoint(db: ReadDb): Res<'custody:checkpoint'> {
  return latestCheckpointView(db);
}

/** custody:make-checkpoint — a new signed checkpoint of the log. */
export function custodyMakeCheckpoint(vault: Vault): Promise<Res<'custody:make-checkpoint'>> {
  return makeCheckpointView(vault);
}

/** custody:timestamps — the timestamps asked for and attached. */
export function custodyTimestamps(db: ReadDb): Res<'custody:timestamps'> {
  return timestampSummary(db);
}

/** custody:timestamp-request — writes a timestamp request for the latest checkpoint to `file` (its grant resolved). */
export async function custodyTimestampRequest(vault: Vault, file: string): Promise<Res<'custody:timestamp-request'>> {
  const made = await writeTimestampRequest(vault, file);
  return {
    checkpointSize: made.checkpoint.size,
    reused: made.reused,
    imprint: made.imprint,
    fileName: path.basename(file),
  };
}

/** custody:timestamp-attach — checks a TSA's reply against its chain and attaches it; a refused reply throws. */
export async function custodyTimestampAttach(
  vault: Vault,
  reply: string,
  chain: string,
): Promise<Res<'custody:timestamp-attach'>> {
  const outcome = await attachTimestampFiles(vault, reply, chain);
  if (!outcome.ok) throw new VigilError('INVALID_INPUT', refusalMessage(outcome.reason));
  const v = outcome.value;
  return {
    checkpointSize: v.checkpointSize,
    genTime: v.genTime,
    tsa: v.tsa,
    serial: v.serial,
    tokenSha256: v.tokenSha256,
    rootFingerprint: v.rootFingerprint,
  };
}
