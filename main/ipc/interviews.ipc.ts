/**
 * Handlers of the interviews area: each channel mapped to its function in main/api/interviews.ts; recordings are
 * added and streamed through the items area (items:add-files, items:media-url).
 */
import type { INTERVIEWS_CHANNELS } from '../../shared/areas/interviews.channels';
import {
  interviewsAttachRecording,
  interviewsCreate,
  interviewsDiff,
  interviewsGet,
  interviewsImportTranscript,
  interviewsList,
  interviewsRevise,
  interviewsRevision,
  interviewsRevisions,
} from '../api/interviews';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

type Handlers = { [C in (typeof INTERVIEWS_CHANNELS)[number]]: Handler<C> };

/** The interviews area's handlers. */
export function interviewsHandlers(s: AppServices): Handlers {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'interviews:list': async (req) => interviewsList(db(), req),
    'interviews:get': async (req) => interviewsGet(db(), req),
    'interviews:create': async (req) => interviewsCreate(vault(), req),
    'interviews:attach-recording': async (req) => interviewsAttachRecording(vault(), req),
    'interviews:import-transcript': async (req) => {
      const v = vault();
      return s.grants.use(req.file, 'read-file', (file) => interviewsImportTranscript(v, req, file));
    },
    'interviews:revision': async (req) => interviewsRevision(db(), req),
    'interviews:revisions': async (req) => interviewsRevisions(db(), req),
    'interviews:revise': async (req) => interviewsRevise(vault(), req),
    'interviews:diff': async (req) => interviewsDiff(db(), req),
  };
}
