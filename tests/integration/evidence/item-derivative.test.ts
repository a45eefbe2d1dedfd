import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { addDerivativeFromBytes } from '../../../main/evidence/item-edits';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { getItemText } from '../../../main/evidence/items';
import type { Vault } from '../../../main/vault/vault';
import { failure } from '../../unit/packages/helpers';
import { newTestVault, tempDir } from '../../helpers/vault';

let open: Vault | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

async function vaultWithOriginal(): Promise<{ vault: Vault; originalId: string }> {
  const { vault } = await newTestVault();
  open = vault;
  const file = path.join(tempDir(), 'letter.txt');
  fs.writeFileSync(file, 'A letter naming the colony.\n');
  // No case: an original need not belong to one, and neither does its derivative.
  return { vault, originalId: (await addFileItem(vault, file, { title: 'Letter', kind: 'letter' })).id };
}

describe('evidence/addDerivativeFromBytes', () => {
  it('stores the bytes as a derivative of an original without a case, with its text and custody entry', async () => {
    const { vault, originalId } = await vaultWithOriginal();
    const d = await addDerivativeFromBytes(
      vault,
      originalId,
      'dir/letter.txt',
      Buffer.from('A letter naming [redacted].\n'),
      { derivativeKind: 'redacted' },
    );
    expect(d).toMatchObject({
      derivativeOf: originalId,
      derivativeKind: 'redacted',
      caseId: null,
      kind: 'letter',
      title: 'Letter (redacted)',
      fileName: 'letter.txt',
    });
    expect(getItemText(vault.db, d.id)).toContain('[redacted]');
    const last = [...iterateStoredEntries(vault.db)].at(-1);
    expect(JSON.parse(last?.canonical ?? '{}')).toMatchObject({
      action: 'item.derivative_added',
      subject: d.id,
      hash: d.sha256,
      data: { derivativeOf: originalId, caseId: null },
    });
  });

  it('refuses a badly named kind before storing anything', async () => {
    const { vault, originalId } = await vaultWithOriginal();
    const objects = await vault.blobs.scan();
    expect(
      (
        await failure(
          addDerivativeFromBytes(vault, originalId, 'x.txt', Buffer.from('x'), { derivativeKind: 'Not A Kind' }),
        )
      )?.code,
    ).toBe('INVALID_INPUT');
    expect(await vault.blobs.scan()).toEqual(objects);
  });
});
