import { describe, expect, it } from 'vitest';
import { defaultPackageFileName, packageBagName } from '../../../../shared/areas/packages.values';

describe('shared/areas/packages.values', () => {
  it('names packages and bags by the UTC day of the export only', () => {
    const day = new Date('2026-03-09T23:30:00Z');
    expect(packageBagName(day)).toBe('vigil-package-20260309');
    expect(defaultPackageFileName(day)).toBe('vigil-package-20260309.tar.age');
  });
});
