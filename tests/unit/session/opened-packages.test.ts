import { describe, expect, it } from 'vitest';
import { OpenedPackages } from '../../../main/session/opened-packages';
import { PathGrants, type GrantedPath } from '../../../main/session/path-grants';

describe('session/opened-packages/OpenedPackages', () => {
  it('delivers a package at once while a window can take it, as a read grant', () => {
    const grants = new PathGrants();
    const delivered: GrantedPath[] = [];
    const opened = new OpenedPackages(grants, (file) => (delivered.push(file), true));
    opened.arrive('/home/lawyer/case.tar.age');
    expect(delivered).toEqual([
      { grant: expect.stringMatching(/^grant-/), name: 'case.tar.age', label: '/home/lawyer/case.tar.age' },
    ]);
    expect(grants.take(delivered[0]?.grant ?? '', 'read-file')).toBe('/home/lawyer/case.tar.age');
    expect(opened.take()).toEqual([]);
  });

  it('keeps packages while locked, in order and once each, and hands them out once', () => {
    const grants = new PathGrants();
    const opened = new OpenedPackages(grants, () => false);
    for (const file of ['/a.tar.age', '/b.tar.age', '/a.tar.age']) opened.arrive(file);
    const taken = opened.take();
    expect(taken.map((f) => f.label)).toEqual(['/b.tar.age', '/a.tar.age']);
    expect(taken.map((f) => grants.take(f.grant, 'read-file'))).toEqual(['/b.tar.age', '/a.tar.age']);
    expect(opened.take()).toEqual([]);
  });

  it('keeps at most the last 20', () => {
    const opened = new OpenedPackages(new PathGrants(), () => false);
    for (let i = 0; i < 25; i += 1) opened.arrive(`/p${i}.tar.age`);
    const taken = opened.take();
    expect(taken).toHaveLength(20);
    expect(taken[0]?.label).toBe('/p5.tar.age');
  });
});
