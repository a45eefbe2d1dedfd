import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../helpers/import-graph';
import { PROJECT_ROOT } from '../../helpers/vault';

// Layers say which way imports may go between folders; this says no file may reach itself
// again through its imports, type-only ones included (the old circles closed through types).
describe('import cycles', () => {
  it('main/ has none', () => {
    const graph = importGraph(PROJECT_ROOT, 'main');
    expect(graph.size).toBeGreaterThan(200);
    expect(findCycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it.each(['shared', 'renderer'])('%s/ has none', (root) => {
    expect(findCycles(importGraph(PROJECT_ROOT, root)).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a circle of three and a file importing itself, each once', () => {
    const graph = new Map([
      ['c.ts', ['a.ts']],
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
