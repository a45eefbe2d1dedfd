/** The facts the human-readable texts of a package are made of. */
interface PackageFacts {
  packageId: string;
  bag: string;
  vaultId: string;
  fileName: string;
  signerName: string;
  signerKeyLine: string;
  signerFingerprint: string;
}

/** data/VERIFY.txt: how to check the package with age, minisign and sha256sum alone. */
export function verifyText(f: PackageFacts): string {
  return `HOW TO VERIFY THIS PACKAGE (${f.bag})
==============================================

Package id: ${f.packageId}
Made by the Vigil vault ${f.vaultId}, signed by ${f.signerName}.
Signer's minisign public key (compare its fingerprint ${f.signerFingerprint}
with the one the sender reads out to you over a separate channel):

    ${f.signerKeyLine}

You need only the standard tools age, minisign and sha256sum (sha512sum).

1. Decrypt (with your age identity file, or "age -d -o p.tar p.tar.age" and the passphrase):

       age -d -i key.txt -o p.tar ${f.fileName}

2. Unpack and enter the bag folder:

       tar -xf p.tar
       cd ${f.bag}

3. Check the signature over the tag manifest (it must say "Signature and comment signature verified"):

       minisign -Vm tagmanifest-sha512.txt -x tagmanifest-sha512.txt.minisig -P ${f.signerKeyLine}

   The trusted comment must read: vigil package ${f.packageId} bag ${f.bag}

4. Check that the tag files are the ones signed (every line must say OK):

       sha512sum -c tagmanifest-sha512.txt

5. Check every payload file against the manifest (every line must say OK):

       sha256sum -c manifest-sha256.txt

   Steps 3 to 5 together prove that every file under data/ is exactly what the
   signer packed. manifest-sha512.txt lists the same files with SHA-512.
   Names in these manifests are written as they are: no file name in this
   package holds a line break or "%". (In bags made by other tools, a line break
   in a name is written %0A or %0D, and RFC 8493 writes "%" as %25; sha256sum
   then reports such a file missing: check it with a BagIt tool instead.)

6. The chain of custody (data/custody/):
   - entries.jsonl holds, one per line, the vault's signed custody entries about
     what is in this package (when each item was added, edited, transcribed…),
     plus the entries that introduce the vault's members. Each line has the
     entry, its Ed25519 signature ("sig", over "vigil-custody-v1\\n" followed by
     the entry's RFC 8785 canonical JSON), its position ("index") and an RFC 9162
     Merkle inclusion proof ("proof") in the vault's log.
   - checkpoint.txt is the signed tree head (a C2SP checkpoint note) made at
     export time: the proofs lead to its root hash, so the entries are part of
     one append-only log that the vault cannot later rewrite unnoticed.
   - keys.txt lists every signer's public key (minisign format) with their name.
   - records.jsonl, only in a package whose profile exports every protected
     field, gives the records (a case, a person, an event…) that entries cite by
     a salted hash, each with its salt: SHA-256 of the salt's 32 bytes followed
     by the record's RFC 8785 JSON must equal the "hash" of entry "seq". Without
     the salt such a hash reveals nothing of the record.
   - consistency.json shows this log extends the checkpoints of the packages the
     sender sent before to the same recipients: "from" lists each earlier
     checkpoint with an RFC 9162 consistency proof ("proof", base64 hashes) from
     its tree to the one in checkpoint.txt; it is empty for the first package.
     A receiving Vigil vault refuses a package that does not extend the last
     one it received from the sender's vault (a rewritten or forked history).
   "vigil verify ${f.fileName}" checks all of this automatically.

7. Transcripts: each .json names the signed revision's hash (null for a revision
   saved before hashes were salted, when the package hides names). If it says
   "namesReplaced": true, names were replaced by protective codes for this
   package, so its text differs from the signed revision by those codes only.

The receipt the sender kept (${f.fileName.replace(/\.tar\.age$/, '')}.receipt.txt, minisign-signed)
records the SHA-256 of the ${f.fileName} file.
`;
}

/** What the receipt records. */
interface ReceiptFacts {
  fileName: string;
  packageSha256: string;
  packageId: string;
  bag: string;
  vaultId: string;
  exportedAt: string;
  signerHex: string;
  signerFingerprint: string;
  recipients: string;
  /** The profile's kind (protected, full or custom): a custom profile's own name stays inside the package. */
  profile: string;
  /** Each item's SHA-256 and its label (receiptItemLabel), never its file name. */
  items: { sha256: string; label: string }[];
  checkpoint: string;
}

/**
 * How the receipt names an item: "item-NNN", its number in the bag (data/items/NNN-…).
 * The receipt lies outside the encryption, so it carries no file name.
 */
export function receiptItemLabel(position: number): string {
  return `item-${String(position).padStart(3, '0')}`;
}

/** The receipt text (UTF-8, LF), exactly as the package format fixes it. */
export function receiptText(r: ReceiptFacts): string {
  const lines = [
    'Vigil package receipt',
    `package: ${r.fileName}`,
    `package-sha256: ${r.packageSha256}`,
    `package-id: ${r.packageId}`,
    `bag: ${r.bag}`,
    `vault: ${r.vaultId}`,
    `exported-at: ${r.exportedAt}`,
    `exported-by: ed25519:${r.signerHex} (${r.signerFingerprint})`,
    `recipients: ${r.recipients}`,
    `profile: ${r.profile}`,
    'items:',
    ...r.items.map((i) => `${i.sha256}  ${i.label}`),
    'checkpoint:',
  ];
  return `${lines.join('\n')}\n${r.checkpoint.endsWith('\n') ? r.checkpoint : `${r.checkpoint}\n`}`;
}
