/**
 * The export's hooks for update packages, kept here so that export.ts only calls them: which
 * base an export builds on, the bag-info lines that mark the package, and the record of what
 * it sent, written in the export's custody transaction.
 */
import type { Db, ReadDb } from '../../vault/database';
import { profileSettings, type ExportProfile } from '../export/profile';
import { recordSentPackage } from './sent-packages';
import { BAG_INFO } from './update-marker';
import { resolveUpdateBase, type ExportMode, type Handover, type UpdateBase } from './update-plan';

/** The base of the export `opts` asks for (null for a full package); INVALID_INPUT when it cannot be an update. */
export function updateBaseFor(
  db: ReadDb,
  opts: { caseId: string; profile: ExportProfile; mode?: ExportMode; passphrase?: string },
  fingerprints: string[],
): UpdateBase | null {
  const mode = opts.mode ?? { kind: 'full' };
  return resolveUpdateBase(db, {
    caseId: opts.caseId,
    fingerprints: opts.passphrase === undefined ? fingerprints : null,
    profile: profileSettings(opts.profile).name,
    mode,
  });
}

/**
 * bag-info.txt lines: the record set after the package, and for an update the package it updates and the record set it
 * builds on.
 */
export function bagInfoUpdateLines(h: Pick<Handover, 'recordSet' | 'update'>): [string, string][] {
  const lines: [string, string][] = [[BAG_INFO.recordSet, h.recordSet]];
  if (h.update !== null) lines.push([BAG_INFO.updateOf, h.update.of], [BAG_INFO.baseRecordSet, h.update.baseRecordSet]);
  return lines;
}

/** Records what the package sent, unless it was sealed to a passphrase (no recipient to update later). */
export function recordSent(
  db: Db,
  p: { packageId: string; caseId: string; fingerprints: string[]; profile: string },
  h: Pick<Handover, 'records' | 'recordSet' | 'update'>,
): void {
  if (p.fingerprints.includes('passphrase')) return;
  recordSentPackage(
    db,
    {
      packageId: p.packageId,
      caseId: p.caseId,
      recipients: p.fingerprints,
      profile: p.profile,
      basePackageId: h.update?.of ?? null,
      recordSet: h.recordSet,
    },
    h.records,
  );
}
