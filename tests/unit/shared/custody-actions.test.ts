import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyPage } from '../../../main/api/custody-view';
import type { Vault } from '../../../main/vault/vault';
import { entrySentence } from '../../../renderer/features/custody/entry-sentence';
import { ReadableEntrySchema } from '../../../shared/areas/custody.contract';
import { CUSTODY_ACTIONS, isCustodyAction, type CustodyAction } from '../../../shared/custody-actions';
import { newTestVault, PROJECT_ROOT } from '../../helpers/vault';

const LOCALES = path.join(PROJECT_ROOT, 'renderer', 'i18n', 'locales');
const sentences = (lng: string): string[] =>
  Object.keys(
    (JSON.parse(readFileSync(path.join(LOCALES, lng, 'custody.json'), 'utf8')) as { actions: object }).actions,
  );

// A stand-in for i18next that shows which sentence was chosen and with which action name.
const t = ((key: string, values?: { action?: string }) =>
  `${key}|${values?.action ?? ''}`) as unknown as TFunction<'custody'>;

let vault: Vault | undefined;
afterEach(async () => {
  await vault?.close();
  vault = undefined;
});

describe('shared/custody-actions: one vocabulary for the core, the contract and the interface', () => {
  it('every action has its sentence in every language, and no sentence names an action outside it', () => {
    const expected = [...CUSTODY_ACTIONS.map((a) => a.replace(/\./g, '_')), 'other'].sort();
    for (const lng of ['en', 'uk', 'ru']) expect(sentences(lng).sort(), lng).toEqual(expected);
  });

  it('the contract accepts the vocabulary and refuses any other name', () => {
    const entry = {
      seq: 0,
      ts: 'x',
      actor: { name: null, key: 'k' },
      subject: null,
      related: [],
      details: {},
      hash: null,
      entryHash: 'h',
    };
    for (const action of CUSTODY_ACTIONS)
      expect(ReadableEntrySchema.safeParse({ ...entry, action }).success, action).toBe(true);
    expect(ReadableEntrySchema.safeParse({ ...entry, action: 'item.eaten' }).success).toBe(false);
    expect(ReadableEntrySchema.safeParse({ ...entry, action: null }).success).toBe(true);
  });

  it(
    'an action this version does not write reads as null, ' + 'named in details, and gets the general sentence',
    async () => {
      ({ vault } = await newTestVault());
      // As a newer version might have written it: the type system refuses it, so it is forced here.
      vault.record({ action: 'item.teleported' as CustodyAction, subject: null, hash: null, data: {} });
      const [future, created] = custodyPage(vault.db, { kind: 'vault' }, 0, 10).entries;
      expect(created?.action).toBe('vault.created');
      expect(future?.action).toBeNull();
      expect(future?.details.action).toBe('item.teleported');
      for (const e of [future, created]) expect(ReadableEntrySchema.safeParse(e).success).toBe(true);
      expect(entrySentence(t, ReadableEntrySchema.parse(future))).toBe('actions.other|item.teleported');
      expect(entrySentence(t, ReadableEntrySchema.parse(created))).toBe('actions.vault_created|vault.created');
      expect(isCustodyAction('item.teleported')).toBe(false);
    },
  );
});
