import { describe, expect, it } from 'vitest';
import { collisionKey, relativePathProblem } from '../../../../main/packages/tar/safe-path';

describe('packages/tar/relativePathProblem', () => {
  it.each(['a', 'a/b c/d.txt', 'déclaration.txt', '.hidden', 'a..b'])('accepts %j', (p) => {
    expect(relativePathProblem(p)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['a/../b', /"\.\."/],
    ['./a', /"\."/],
    ['a//b', /empty name/],
    ['a/', /empty name/],
    ['a\\b', /backslash/],
    ['a\nb', /control/],
    ['a\u0085b', /control/],
    ['a\ufffdb', /invalid UTF-8/],
    ['C:x', /Windows/],
    ['name.', /ending in a dot/],
    ['aux.txt', /reserved device/],
    ['x'.repeat(256), /longer than 255/],
    [`${'x/'.repeat(600)}y`, /longer than 1024/],
  ])('refuses %j', (p, why) => {
    expect(relativePathProblem(p)).toMatch(why);
  });
});

describe('packages/tar/collisionKey', () => {
  it('matches names that differ only by case or Unicode form', () => {
    expect(collisionKey('Data/X')).toBe(collisionKey('data/x'));
    expect(collisionKey('caf\u00e9')).toBe(collisionKey('cafe\u0301'));
    expect(collisionKey('Straße')).toBe(collisionKey('STRASSE'));
    expect(collisionKey('a')).not.toBe(collisionKey('b'));
  });
});
