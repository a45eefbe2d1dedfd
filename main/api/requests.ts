/** What the requests channels answer (the CLI's `request` commands over the same core). */
import type { ReqParsed, Res } from '../../shared/contract';
import { addRequest, answerRequest, listRequests } from '../evidence/requests';
import { definedOnly } from '../evidence/validate';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';

/** requests:list — the requests of a case. */
export function requestsList(db: ReadDb, req: ReqParsed<'requests:list'>): Res<'requests:list'> {
  return listRequests(db, req.caseId);
}

/** requests:add — a new request to an authority. */
export function requestsAdd(vault: Vault, req: ReqParsed<'requests:add'>): Res<'requests:add'> {
  return addRequest(vault, definedOnly(req) as typeof req);
}

/** requests:answer — the answer a request got. */
export function requestsAnswer(vault: Vault, { id, ...answer }: ReqParsed<'requests:answer'>): Res<'requests:answer'> {
  return answerRequest(vault, id, definedOnly(answer) as typeof answer);
}
