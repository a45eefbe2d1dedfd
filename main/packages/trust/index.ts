// Who signed a received package, as this vault knows them (DESIGN §6, "Who signed it").
export { loadSignerDirectory } from './signer-directory';
export { rememberSigners, type TrustingImport } from './known-signers';
