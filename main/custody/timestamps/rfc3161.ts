/**
 * The RFC 3161 code, which needs pkijs and asn1js, loaded when a timestamp is first requested,
 * attached or checked. The two libraries take about 50 ms to load: every command and every
 * start of the app would pay it, and few of them touch a timestamp.
 */
import type { readTimestampReply } from './reply';
import type { makeTimestampRequest } from './request';
import type { verifyTimestampToken } from './verify-token';

/** The functions of reply.ts, request.ts and verify-token.ts. */
interface Rfc3161 {
  readTimestampReply: typeof readTimestampReply;
  makeTimestampRequest: typeof makeTimestampRequest;
  verifyTimestampToken: typeof verifyTimestampToken;
}

/** Loads the RFC 3161 code (once; later calls get the loaded modules). */
export async function loadRfc3161(): Promise<Rfc3161> {
  const [reply, request, token] = await Promise.all([import('./reply'), import('./request'), import('./verify-token')]);
  return {
    readTimestampReply: reply.readTimestampReply,
    makeTimestampRequest: request.makeTimestampRequest,
    verifyTimestampToken: token.verifyTimestampToken,
  };
}
