import { describe, expect, it } from 'vitest';
import { INITIAL_CHOICES, stepReady, withChoices } from '../../../../../renderer/features/export/wizard-state';

describe('renderer/features/export/wizard-state', () => {
  it('the preview lets the wizard go on only when no protected names are pending', () => {
    expect(stepReady('preview', INITIAL_CHOICES, true)).toBe(true);
    expect(stepReady('preview', INITIAL_CHOICES, true, true)).toBe(false);
  });

  it('a confirmation of protected names is withdrawn when the items or the profile change, and kept otherwise', () => {
    const checked = withChoices(INITIAL_CHOICES, { namesChecked: true });
    expect(checked.namesChecked).toBe(true);
    expect(withChoices(checked, { seal: 'passphrase' }).namesChecked).toBe(true);
    expect(withChoices(checked, { scope: 'chosen' }).namesChecked).toBe(false);
    expect(withChoices(checked, { itemIds: ['a'] }).namesChecked).toBe(false);
    expect(withChoices(checked, { profile: { kind: 'full' } }).namesChecked).toBe(false);
  });
});
