import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterateStoredEntries, readCustodyHead } from '../../../main/custody/log-store';
import { attachTimestamp, requestTimestamp, TIMESTAMPED_ACTION } from '../../../main/custody/timestamps/timestamps';
import { createCase } from '../../../main/evidence/cases';
import type { Vault } from '../../../main/vault/vault';
import { makeTestTsa, type TestTsa, type TsaKind } from '../../helpers/test-tsa';
import { hasTool } from '../../helpers/tools';
import { newTestVault, suiteTempDir, tempDir } from '../../helpers/vault';

const hasOpenssl = hasTool('openssl');

let tsa: TestTsa;

beforeAll(() => {
  if (hasOpenssl) tsa = makeTestTsa(suiteTempDir('vigil-tsa-'));
});

interface Pending {
  vault: Vault;
  tsq: string;
  id: string;
  imprint: string;
  nonce: string;
  checkpointId: number;
  note: string;
  head: number;
}

/** A vault with a pending request written to cp.tsq. */
async function pendingRequest(): Promise<Pending> {
  const { vault } = await newTestVault('Test Investigator (fictional)');
  const made = await requestTimestamp(vault);
  const tsq = path.join(tempDir(), 'cp.tsq');
  fs.writeFileSync(tsq, made.der);
  return {
    vault,
    tsq,
    id: made.id,
    imprint: made.imprint,
    nonce: made.nonce,
    checkpointId: made.checkpoint.id,
    note: made.checkpoint.note,
    head: readCustodyHead(vault.db).size,
  };
}

function replyTo(tsq: string, kind: TsaKind = 'good'): Buffer {
  return fs.readFileSync(tsa.reply(tsq, kind));
}

/** The bytes of the "Message data" hex dump that `openssl ts -text` prints. */
function dumpedHex(text: string): string {
  return [...text.matchAll(/^ {4}[0-9a-f]{4} - ([0-9a-f -]{47})/gm)]
    .map((m) => (m[1] ?? '').replace(/[ -]/g, ''))
    .join('');
}

const caPem = (): string => fs.readFileSync(tsa.caPem, 'utf8');

/** Attaches and expects a refusal matching `reason`, with nothing recorded. */
async function expectRefused(p: Pending, reply: Buffer, reason: RegExp, trust = caPem(), now?: Date): Promise<void> {
  try {
    const outcome = await attachTimestamp(p.vault, reply, trust, now === undefined ? {} : { now });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(reason);
    expect(readCustodyHead(p.vault.db).size).toBe(p.head);
    expect(p.vault.db.prepare('SELECT count(*) FROM checkpoint_timestamps WHERE reply IS NOT NULL').pluck().get()).toBe(
      0,
    );
  } finally {
    await p.vault.close();
  }
}

describe.skipIf(!hasOpenssl)('custody/timestamps (a local openssl TSA)', () => {
  it(
    'writes a standard TimeStampReq over the checkpoint that openssl reads: SHA-256 imprint, a nonce, certReq; ' +
      'the latest checkpoint is used again while it covers the log',
    async () => {
      const p = await pendingRequest();
      try {
        const text = execFileSync('openssl', ['ts', '-query', '-in', p.tsq, '-text'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        expect(text).toContain('Hash Algorithm: sha256');
        expect(text).toContain('Certificate required: yes');
        expect(text).toContain(`Nonce: 0x${p.nonce.toUpperCase()}\n`);
        expect(dumpedHex(text)).toBe(p.imprint);
        expect(p.imprint).toBe(createHash('sha256').update(p.note).digest('hex'));
        const again = await requestTimestamp(p.vault);
        expect(again.reused).toBe(true);
        expect(again.checkpoint.id).toBe(p.checkpointId);
        expect(again.nonce).not.toBe(p.nonce);
        createCase(p.vault, { title: 'A case', reference: 'T-1' });
        const fresh = await requestTimestamp(p.vault);
        expect(fresh.reused).toBe(false);
        expect(fresh.checkpoint.size).toBe(readCustodyHead(p.vault.db).size);
      } finally {
        await p.vault.close();
      }
    },
  );

  it(
    'records a good reply: a checkpoint.timestamped entry (TSA, genTime, serial, token SHA-256) and the token ' +
      'and certificate path kept',
    async () => {
      const p = await pendingRequest();
      try {
        const reply = replyTo(p.tsq);
        const outcome = await attachTimestamp(p.vault, reply, caPem());
        if (!outcome.ok) throw new Error(outcome.reason);
        const v = outcome.value;
        expect(v.tsa).toBe('CN=Test TSA, O=Example Timestamping (fictional)');
        expect(Math.abs(Date.parse(v.genTime) - Date.now())).toBeLessThan(60_000);
        const entries = [...iterateStoredEntries(p.vault.db)].map(
          (r) =>
            JSON.parse(r.canonical) as { action: string; subject: string; hash: string; data: Record<string, unknown> },
        );
        const last = entries.at(-1);
        expect(last).toMatchObject({ action: TIMESTAMPED_ACTION, subject: p.id, hash: v.tokenSha256 });
        expect(last?.data).toMatchObject({
          checkpointSize: 1,
          checkpointSha256: p.imprint,
          tsa: v.tsa,
          genTime: v.genTime,
          serial: v.serial,
        });
        const row = p.vault.db
          .prepare('SELECT reply, chain_pem AS chainPem FROM checkpoint_timestamps WHERE id = ?')
          .get(p.id) as { reply: Buffer; chainPem: string };
        expect(row.reply.equals(reply)).toBe(true);
        expect(row.chainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
        expect(row.chainPem).toContain(fs.readFileSync(tsa.caPem, 'utf8').split('\n')[1]);
        const twice = await attachTimestamp(p.vault, reply, caPem());
        expect(twice).toMatchObject({ ok: false, reason: expect.stringMatching(/already has a timestamp/) });
      } finally {
        await p.vault.close();
      }
    },
  );

  it('refuses a reply whose signature was altered (one byte flipped), recording nothing', async () => {
    const p = await pendingRequest();
    const reply = replyTo(p.tsq);
    reply.writeUInt8(reply.readUInt8(reply.length - 1) ^ 0x01, reply.length - 1);
    await expectRefused(p, reply, /signature does not verify: the token was altered/);
  });

  it('refuses a reply whose TSTInfo was altered (a digit of genTime changed), recording nothing', async () => {
    const p = await pendingRequest();
    const reply = replyTo(p.tsq);
    const at = reply.indexOf(Buffer.from([0x18, 0x0f]));
    expect(at).toBeGreaterThan(0);
    const second = at + 2 + 13;
    reply[second] = reply[second] === 0x30 ? 0x31 : 0x30;
    await expectRefused(p, reply, /signature does not verify: the token was altered/);
  });

  it('refuses a reply made for another checkpoint (same nonce, other imprint), recording nothing', async () => {
    const p = await pendingRequest();
    const tsq = fs.readFileSync(p.tsq);
    const at = tsq.indexOf(Buffer.from(p.imprint, 'hex'));
    createHash('sha256').update('another checkpoint').digest().copy(tsq, at);
    const forged = path.join(tempDir(), 'other.tsq');
    fs.writeFileSync(forged, tsq);
    await expectRefused(
      p,
      replyTo(forged),
      /timestamps other data: its message imprint is [0-9a-f]{64}, but the checkpoint's SHA-256 is/,
    );
  });

  it('refuses a reply to another request over the same checkpoint (wrong nonce), recording nothing', async () => {
    const p = await pendingRequest();
    const data = path.join(tempDir(), 'checkpoint.txt');
    fs.writeFileSync(data, p.note);
    const other = path.join(tempDir(), 'openssl.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', other], { stdio: 'ignore' });
    await expectRefused(p, replyTo(other), /its nonce \([0-9a-f]+\) is not the request's/);
  });

  it('refuses a reply signed with a TSA certificate that had expired, recording nothing', async () => {
    const p = await pendingRequest();
    await expectRefused(
      p,
      replyTo(p.tsq, 'expired'),
      /TSA certificate was not valid at the time the token gives .*it had expired/,
    );
  });

  it('refuses a TSA certified by another CA than the one trusted, recording nothing', async () => {
    const p = await pendingRequest();
    await expectRefused(p, replyTo(p.tsq, 'other-ca'), /does not lead to a root certificate in the trust file/);
  });

  it("refuses a reply with status rejection, giving the TSA's reason, recording nothing", async () => {
    const p = await pendingRequest();
    await expectRefused(p, replyTo(p.tsq, 'rejecting'), /did not grant the timestamp \(status: rejection.*badAlg/);
  });

  it("refuses a token whose time is ahead of this computer's clock, recording nothing", async () => {
    const p = await pendingRequest();
    await expectRefused(
      p,
      replyTo(p.tsq),
      /later than this computer's clock/,
      caPem(),
      new Date(Date.now() - 60 * 60 * 1000),
    );
  });

  it('refuses a reply that answers no request of the vault, and a trust file without a root', async () => {
    const p = await pendingRequest();
    const other = await pendingRequest();
    try {
      await expectRefused(p, replyTo(other.tsq), /answers no request of this vault/);
    } finally {
      await other.vault.close();
    }
    const q = await pendingRequest();
    await expectRefused(q, replyTo(q.tsq), /trust file holds no PEM certificate/, 'not a certificate');
  });
});
