import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../shared/format';

describe('shared/format/formatBytes: SI units, named as such', () => {
  it('counts in thousands and says kB, MB, GB', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.3 GB');
  });

  it('speaks the reader’s language', () => {
    expect(formatBytes(1_500_000, 'uk')).toBe('1,5 МБ');
    expect(formatBytes(1_500_000, 'ru')).toBe('1,5 МБ');
  });
});
