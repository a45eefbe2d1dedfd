/** minisign signatures over libsodium Ed25519 and BLAKE2b-512 (see format.ts for the byte layout). */
export { encodeMinisignPublicKey, keyIdHex, minisignPublicKeyLine, parseMinisignPublicKey } from './format';
export { minisignKeyId } from './key-id';
export { minisignSign, minisignSignFile, type MinisignKey } from './sign';
export { minisignVerify, minisignVerifyFile, type MinisignPublicKey, type MinisignVerifyResult } from './verify';
