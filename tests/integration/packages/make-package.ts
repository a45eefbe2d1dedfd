import { randomUUID, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  ageEncrypt,
  encodeIdentity,
  generateX25519Identity,
  parseRecipient,
  type AgeIdentity,
} from '../../../main/crypto/age';
import { encodeMinisignPublicKey, minisignKeyId, minisignSign, type MinisignKey } from '../../../main/crypto/minisign';
import { MerkleTree } from '../../../main/custody';
import { makeCheckpoint } from '../../../main/custody/checkpoint-store';
import { iterateStoredEntries, readLeafHashes } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import { writeBag } from '../../../main/packages/bagit/bag-writer';
import { keyDirectory } from '../../../main/vault/members';
import { keyFingerprint, memberMinisignKey } from '../../../main/vault/identity';
import type { Vault } from '../../../main/vault/vault';

/** What goes into a bag: payload files by path under data/, and the bag's identity. */
export interface BagSpec {
  files: Map<string, Buffer>;
  bagName: string;
  packageId: string;
  vaultId: string;
  key: MinisignKey;
  /** Replace the trusted comment of the tag-manifest signature (for tamper tests). */
  comment?: string;
}

/** A package made by the helper, with everything a test needs to check or mutate it. */
export interface BuiltPackage {
  file: string;
  receipt: string;
  identityFile: string;
  identity: AgeIdentity;
  recipient: string;
  spec: BagSpec;
  tar: Buffer;
  itemHashes: { sha256: string; path: string }[];
  checkpoint: string;
}

/** A case with three small items in a vault, ready to export. */
export async function fillVault(vault: Vault, dir: string): Promise<string> {
  const c = createCase(vault, { title: 'Test case', reference: 'TC-1' });
  for (const [name, text] of [
    ['letter.txt', 'A letter to the prosecutor.'],
    ['reply.txt', 'No reply was given.'],
    ['photo.bin', 'x'.repeat(200_000)],
  ] as const) {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    await addFileItem(vault, p, { caseId: c.id, title: name, extract: false });
  }
  return c.id;
}

function keysText(vault: Vault, actors: Set<string>): string {
  const names = keyDirectory(vault.db);
  let out = '';
  for (const hex of [...actors].sort()) {
    const pub = Buffer.from(hex, 'hex');
    out +=
      `# ${names.get(hex)?.name ?? `member ${hex.slice(0, 16)}`} ` +
      `ed25519:${hex}\n${encodeMinisignPublicKey(minisignKeyId(pub), pub)}\n`;
  }
  return out;
}

/** The payload of a package of the whole test vault, in the format of DESIGN §6. */
export async function vaultPayload(vault: Vault): Promise<{ files: Map<string, Buffer>; checkpoint: string }> {
  const cp = await makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner());
  const tree = MerkleTree.from(readLeafHashes(vault.db, cp.size), cp.size);
  const lines: string[] = [];
  const actors = new Set<string>();
  for (const row of iterateStoredEntries(vault.db)) {
    if (row.seq >= cp.size) break;
    actors.add((JSON.parse(row.canonical) as { actor: string }).actor);
    const proof = tree.inclusionProof(row.seq).map((h) => h.toString('base64'));
    lines.push(
      `{"entry":${row.canonical},"sig":${JSON.stringify(row.sig)},"index":${row.seq},"proof":${JSON.stringify(proof)}}`,
    );
  }
  const files = new Map<string, Buffer>();
  for (const [i, item] of listItems(vault.db).entries()) {
    const reader = await vault.blobs.open(item.objectId);
    const chunks: Buffer[] = [];
    for await (const c of reader.createReadStream()) chunks.push(c as Buffer);
    await reader.close();
    files.set(`items/${String(i + 1).padStart(3, '0')}-${item.fileName}`, Buffer.concat(chunks));
  }
  files.set('custody/entries.jsonl', Buffer.from(`${lines.join('\n')}\n`));
  files.set('custody/checkpoint.txt', Buffer.from(cp.note));
  files.set('custody/keys.txt', Buffer.from(keysText(vault, actors)));
  files.set('VERIFY.txt', Buffer.from('Verify with age, minisign and sha256sum.\n'));
  return { files, checkpoint: cp.note };
}

/** Writes a bag as tar bytes with writeBag, signing the tag manifest with `spec.key`. */
export async function sealBag(spec: BagSpec): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const entries = [...spec.files].map(([p, data]) => ({
    path: p,
    size: data.length,
    source: () => Readable.from([data]),
  }));
  const comment = spec.comment ?? `vigil package ${spec.packageId} bag ${spec.bagName}`;
  const info = {
    externalIdentifier: spec.packageId,
    baggingDate: '2026-01-02',
    softwareAgent: 'Vigil test',
    extra: [
      ['Vigil-Vault', spec.vaultId],
      ['Vigil-Profile', 'full'],
    ] as [string, string][],
  };
  const sig = {
    name: 'tagmanifest-sha512.txt.minisig',
    content: async (ctx: { tagManifestSha512: Buffer }) =>
      Buffer.from(await minisignSign(ctx.tagManifestSha512, spec.key, comment)),
  };
  await writeBag(out, spec.bagName, entries, info, { afterTagManifests: [sig] });
  return Buffer.concat(chunks);
}

/**
 * The receipt text for a package (DESIGN §6), naming items by bag path as earlier versions did: verification still
 * accepts it.
 */
export function receiptText(p: {
  file: string;
  sha256: string;
  spec: BagSpec;
  recipient: string;
  items: { sha256: string; path: string }[];
  checkpoint: string;
}): string {
  const pub = Buffer.from(p.spec.key.publicKey).toString('hex');
  const head = [
    'Vigil package receipt',
    `package: ${path.basename(p.file)}`,
    `package-sha256: ${p.sha256}`,
    `package-id: ${p.spec.packageId}`,
    `bag: ${p.spec.bagName}`,
    `vault: ${p.spec.vaultId}`,
  ];
  head.push(
    'exported-at: 2026-01-02T00:00:00Z',
    `exported-by: ed25519:${pub} (${keyFingerprint(pub)})`,
    `recipients: ${p.recipient}`,
    'profile: full',
    'items:',
  );
  return `${head.join('\n')}\n${p.items.map((i) => `${i.sha256}  ${i.path}`).join('\n')}\ncheckpoint:\n${p.checkpoint}`;
}

/** Encrypts tar bytes to the recipient and writes the package file, its receipt and the receipt signature. */
export async function writePackage(
  dir: string,
  name: string,
  tar: Buffer,
  spec: BagSpec,
  recipient: string,
  checkpoint: string,
): Promise<{ file: string; receipt: string; items: { sha256: string; path: string }[] }> {
  const file = path.join(dir, `${name}.tar.age`);
  const sealed = await ageEncrypt(tar, [parseRecipient(recipient)]);
  fs.writeFileSync(file, sealed);
  const items = [...spec.files]
    .filter(([p]) => p.startsWith('items/'))
    .map(([p, d]) => ({ sha256: createHash('sha256').update(d).digest('hex'), path: `data/${p}` }));
  const receipt = path.join(dir, `${name}.receipt.txt`);
  const text = receiptText({
    file,
    sha256: createHash('sha256').update(sealed).digest('hex'),
    spec,
    recipient,
    items,
    checkpoint,
  });
  fs.writeFileSync(receipt, text);
  fs.writeFileSync(
    `${receipt}.minisig`,
    await minisignSign(Buffer.from(text), spec.key, `vigil receipt ${spec.packageId}`),
  );
  return { file, receipt, items };
}

/** A copy of a signing key that outlives the vault (locking wipes the signer's own buffer). */
export function copyKey(key: MinisignKey): MinisignKey {
  return {
    keyId: Uint8Array.from(key.keyId),
    publicKey: Uint8Array.from(key.publicKey),
    secretKey: Uint8Array.from(key.secretKey),
  };
}

/** Makes a good package of the test vault into `dir`, sealed to a fresh age identity. */
export async function makePackage(vault: Vault, dir: string, name = 'pkg'): Promise<BuiltPackage> {
  const { files, checkpoint } = await vaultPayload(vault);
  const spec: BagSpec = {
    files,
    bagName: 'vigil-package-20260102',
    packageId: randomUUID(),
    vaultId: vault.vaultId,
    key: copyKey(memberMinisignKey(vault)),
  };
  const tar = await sealBag(spec);
  const id = generateX25519Identity();
  const identityFile = path.join(dir, 'key.txt');
  fs.writeFileSync(identityFile, `# test identity\n${encodeIdentity(id.secretKey)}\n`);
  const written = await writePackage(dir, name, tar, spec, id.recipient, checkpoint);
  return {
    ...written,
    identityFile,
    identity: { kind: 'x25519', secretKey: id.secretKey },
    recipient: id.recipient,
    spec,
    tar,
    itemHashes: written.items,
    checkpoint,
  };
}
