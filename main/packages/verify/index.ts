// Verification of sealed packages and bags (DESIGN §6).
export type { CheckName, PackageCheck, PackageReport, PackageSigner, SignerVerdict } from './report';
export type { AddressBookSigner, SignerDirectory, TrustedKey, TrustOptions } from './signer-trust';
export { verifyBagFolder, verifyBagDetailed, type BagVerification } from './verify-bag';
export { verifyPackageFile, checkPackage, type VerifyPackageOptions, type CheckedPackage } from './verify-package';
export { parseKeysFile, type ListedKey } from './keys-file';
export type { PackageProgress } from './package-file';
export { parseReceipt } from './receipt-check';
export { tagTrustedComment, TAG_SIGNATURE_FILE } from './signature-check';
export { printable } from '../printable';
