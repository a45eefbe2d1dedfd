// The chain-of-custody primitives (DESIGN §3): entries, Merkle tree, checkpoints, chain verification.
export {
  ZERO_HASH,
  SIGNATURE_CONTEXT,
  custodyEntrySchema,
  canonicalEntryBytes,
  entryHashHex,
  signEntry,
  verifyEntrySignature,
  parseCanonicalEntry,
  nowRfc3339,
  type CustodyEntry,
} from './entry';
export {
  EMPTY_ROOT,
  leafHash,
  nodeHash,
  merkleRoot,
  inclusionProof,
  verifyInclusion,
  consistencyProof,
  verifyConsistency,
  MerkleFrontier,
  MerkleTree,
} from './merkle';
export {
  checkpointOrigin,
  checkpointBody,
  noteKeyName,
  noteKeyId,
  verifierKey,
  signCheckpoint,
  parseCheckpoint,
  verifyCheckpoint,
  type ParsedCheckpoint,
  type CheckpointVerification,
} from './checkpoint';
export { verifyChain, type ChainFailure, type ChainReport, type VerifyChainOptions } from './verify-chain';
export type { StoredEntry } from './chain-rows';
