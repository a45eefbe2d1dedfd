import { describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  encodeRecipient,
  generateX25519Identity,
  parseRecipient,
} from '../../../main/crypto/age';
import { encodeMinisignPublicKey, minisignPublicKeyLine } from '../../../main/crypto/minisign';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import {
  addRecipient,
  findRecipient,
  listRecipients,
  removeRecipient,
  resolveRecipients,
} from '../../../main/packages/recipients';
import { keyFingerprint, memberIdentity } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Vault } from '../../../main/vault/vault';
import { newKey } from '../../unit/crypto/minisign/helpers';
import { newTestVault, TEST_PASSPHRASE } from '../../helpers/vault';

function x25519Key(recipient: string): Uint8Array {
  const parsed = parseRecipient(recipient);
  if (parsed.kind !== 'x25519') throw new Error('expected an X25519 recipient');
  return parsed.publicKey;
}

type Entry = { action: string; subject: string | null; hash: string | null; data: Record<string, unknown> };

function entries(vault: Vault): Entry[] {
  return [...iterateStoredEntries(vault.db)].map((r) => JSON.parse(r.canonical) as Entry);
}

function count(vault: Vault, table: string): number {
  return (vault.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('packages/recipients/addRecipient', () => {
  it('stores canonical keys and records only the fingerprint in custody', async () => {
    const { dir, vault } = await newTestVault();
    try {
      const org = generateX25519Identity();
      const signer = await newKey();
      const row = addRecipient(vault, {
        name: '  UN Working Group on Enforced Disappearances ',
        ageRecipient: ` ${org.recipient}\n`,
        minisignPublicKey: encodeMinisignPublicKey(signer.keyId, signer.publicKey),
        notes: 'key confirmed by phone 2026-03-02',
      });
      expect(row).toMatchObject({
        name: 'UN Working Group on Enforced Disappearances',
        kind: 'organisation',
        ageRecipient: org.recipient,
        minisignPublicKey: minisignPublicKeyLine(signer.keyId, signer.publicKey),
      });
      const person = addRecipient(vault, {
        name: 'Lawyer L-4',
        kind: 'person',
        ageRecipient: generateX25519Identity().recipient,
      });
      expect(person).toMatchObject({ kind: 'person', minisignPublicKey: null, notes: '' });
      const last = entries(vault).slice(-2);
      expect(last).toEqual([
        {
          ...last[0],
          action: 'recipient.added',
          subject: row.id,
          hash: null,
          data: { fingerprint: keyFingerprint(org.recipient) },
        },
        {
          ...last[1],
          action: 'recipient.added',
          subject: person.id,
          hash: null,
          data: { fingerprint: keyFingerprint(person.ageRecipient) },
        },
      ]);
      expect(JSON.stringify(entries(vault))).not.toContain('Working Group');
    } finally {
      await vault.close();
    }
    const again = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(listRecipients(again.db).map((r) => r.name)).toEqual([
        'Lawyer L-4',
        'UN Working Group on Enforced Disappearances',
      ]);
      expect((await verifyVault(again)).ok).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('refuses invalid keys and bad fields with nothing written', async () => {
    const { vault } = await newTestVault();
    try {
      const good = generateX25519Identity();
      const before = entries(vault).length;
      const mk = await newKey();
      const badAge = [
        '',
        'age1',
        good.recipient.toUpperCase(),
        `${good.recipient.slice(0, -1)}${good.recipient.endsWith('q') ? 'p' : 'q'}`,
        good.identity,
        minisignPublicKeyLine(mk.keyId, mk.publicKey),
        encodeRecipient(new Uint8Array(32)).replace(/^age/, 'agf'),
      ];
      for (const key of badAge)
        expect(() => addRecipient(vault, { name: 'X', ageRecipient: key }), key).toThrow(
          expect.objectContaining({ code: 'INVALID_INPUT' }),
        );
      const badMinisign = ['RWQnotakey', good.recipient, `${minisignPublicKeyLine(mk.keyId, mk.publicKey)}AAAA`];
      for (const key of badMinisign) {
        expect(
          () => addRecipient(vault, { name: 'X', ageRecipient: good.recipient, minisignPublicKey: key }),
          key,
        ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
      }
      expect(() => addRecipient(vault, { name: '  ', ageRecipient: good.recipient })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(() => addRecipient(vault, { name: 'X', ageRecipient: good.recipient, kind: 'robot' as never })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(count(vault, 'recipients')).toBe(0);
      expect(entries(vault)).toHaveLength(before);
    } finally {
      await vault.close();
    }
  });

  it('refuses a key or a name already in the book', async () => {
    const { vault } = await newTestVault();
    try {
      const key = generateX25519Identity().recipient;
      addRecipient(vault, { name: 'NGO A', ageRecipient: key });
      const before = entries(vault).length;
      expect(() => addRecipient(vault, { name: 'NGO B', ageRecipient: ` ${key} ` })).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/already in the address book as "NGO A"/),
        }),
      );
      expect(() => addRecipient(vault, { name: 'ngo a', ageRecipient: generateX25519Identity().recipient })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(count(vault, 'recipients')).toBe(1);
      expect(entries(vault)).toHaveLength(before);
      // The schema holds the line as well, for any writer that skips the service.
      expect(() =>
        vault.db
          .prepare("INSERT INTO recipients (id, name, age_recipient, created_at) VALUES ('x', 'other', ?, 't')")
          .run(key),
      ).toThrow(/UNIQUE/);
      expect(() =>
        vault.db
          .prepare(
            "INSERT INTO recipients (id, name, kind, age_recipient, created_at) VALUES ('y', 'y', 'robot', " +
              "'age1y', 't')",
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      await vault.close();
    }
  });
});

describe('packages/recipients/removeRecipient', () => {
  it('removes by name or id with a custody entry, and refuses an unknown one with nothing written', async () => {
    const { vault } = await newTestVault();
    try {
      const a = addRecipient(vault, { name: 'Org A', ageRecipient: generateX25519Identity().recipient });
      const b = addRecipient(vault, { name: 'Org B', ageRecipient: generateX25519Identity().recipient });
      expect(removeRecipient(vault, 'org a').id).toBe(a.id);
      expect(removeRecipient(vault, b.id).id).toBe(b.id);
      expect(listRecipients(vault.db)).toEqual([]);
      expect(
        entries(vault)
          .slice(-2)
          .map((e) => [e.action, e.subject, e.data]),
      ).toEqual([
        ['recipient.removed', a.id, { fingerprint: keyFingerprint(a.ageRecipient) }],
        ['recipient.removed', b.id, { fingerprint: keyFingerprint(b.ageRecipient) }],
      ]);
      const before = entries(vault).length;
      expect(() => removeRecipient(vault, 'Org A')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      expect(entries(vault)).toHaveLength(before);
      // A removed key can be added again, as a new entry.
      expect(addRecipient(vault, { name: 'Org A', ageRecipient: a.ageRecipient }).id).not.toBe(a.id);
      expect((await verifyVault(vault)).ok).toBe(true);
    } finally {
      await vault.close();
    }
  });
});

describe('packages/recipients/resolveRecipients', () => {
  it('resolves names, ids and age1 keys in order, without duplicates, to keys that open', async () => {
    const { vault } = await newTestVault();
    try {
      const me = memberIdentity(vault);
      const org = generateX25519Identity();
      const row = addRecipient(vault, { name: 'Org A', ageRecipient: org.recipient });
      const direct = generateX25519Identity();
      const keys = resolveRecipients(
        vault.db,
        ` org a , ${direct.recipient},${me.ageRecipient},, ${row.id}, ${org.recipient}`,
      );
      expect(keys).toEqual(
        [org.publicKey, direct.publicKey, x25519Key(me.ageRecipient)].map((k) => Uint8Array.from(k)),
      );
      const sealed = await ageEncrypt(
        Buffer.from('package'),
        keys.map((publicKey) => ({ kind: 'x25519' as const, publicKey })),
      );
      for (const secretKey of [org.secretKey, direct.secretKey])
        expect((await ageDecrypt(sealed, [{ kind: 'x25519', secretKey }])).toString()).toBe('package');
      expect((await ageDecrypt(sealed, [me.ageIdentity])).toString()).toBe('package');
      expect(findRecipient(vault.db, 'ORG A')?.id).toBe(row.id);
    } finally {
      await vault.close();
    }
  });

  it('refuses an empty list, an unknown name and a malformed key', async () => {
    const { vault } = await newTestVault();
    try {
      expect(() => resolveRecipients(vault.db, ' , ')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
      expect(() => resolveRecipients(vault.db, 'Nobody')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      expect(() => resolveRecipients(vault.db, 'age1notakey')).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    } finally {
      await vault.close();
    }
  });
});
