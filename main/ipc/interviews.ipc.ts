/**
 * Handlers of the interviews area: each maps one channel to one core call (the CLI's `interview` and `transcript`
 commands);
 * recordings are added and streamed through the items area (items:add-files, items:media-url).
 */
import type { INTERVIEWS_CHANNELS } from '../../shared/areas/interviews.channels';
import { attachRecording, createInterview, getInterview, listInterviews } from '../evidence/interviews';
import { definedOnly } from '../evidence/validate';
import {
  diffRevisions,
  getRevision,
  listRevisions,
  reviseTranscript,
  verifyRevisionHash,
} from '../evidence/transcripts';
import { importTranscriptFile } from '../ingest/transcripts';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

type Handlers = { [C in (typeof INTERVIEWS_CHANNELS)[number]]: Handler<C> };

/** The interviews area's handlers. */
export function interviewsHandlers(s: AppServices): Handlers {
  const db = () => s.session.requireVault().db;
  return {
    'interviews:list': async (req) => listInterviews(db(), req.caseId),
    'interviews:get': async (req) => getInterview(db(), req.id),
    'interviews:create': async ({ consent, ...rest }) =>
      createInterview(s.session.requireVault(), {
        ...definedOnly(rest),
        caseId: rest.caseId,
        intervieweeId: rest.intervieweeId,
        ...(consent ? { consent: { ...definedOnly(consent), given: consent.given } } : {}),
      }),
    'interviews:attach-recording': async (req) => {
      const vault = s.session.requireVault();
      attachRecording(vault, req.interviewId, req.itemId);
      return getInterview(vault.db, req.interviewId);
    },
    'interviews:import-transcript': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.file, 'read-file', async (file) => {
        // Parsed and checked before the vault is changed, so a bad file changes nothing.
        const segments = await importTranscriptFile(file);
        return reviseTranscript(
          vault,
          req.interviewId,
          segments.map(({ speaker, startMs, endMs, text, translation }) => ({
            speaker,
            startMs,
            endMs,
            text,
            translation,
          })),
          req.note ?? '',
        );
      });
    },
    'interviews:revision': async (req) => getRevision(db(), req.interviewId, req.revision),
    'interviews:revisions': async (req) => {
      const d = db();
      return listRevisions(d, req.interviewId).map((r) => ({
        ...r,
        verified: verifyRevisionHash(d, r.interviewId, r.revision),
      }));
    },
    'interviews:revise': async (req) =>
      reviseTranscript(s.session.requireVault(), req.interviewId, req.segments, req.note),
    'interviews:diff': async (req) => {
      const d = db();
      const [from, to] = [getRevision(d, req.interviewId, req.from), getRevision(d, req.interviewId, req.to)];
      return { from: from.revision, to: to.revision, diff: diffRevisions(from, to) };
    },
  };
}
