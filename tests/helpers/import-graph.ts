import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The import graph of the TypeScript files below `root`: file (relative to `projectRoot`) → the files of
 * that tree it imports. Type-only imports count too: a circle closed by a type is still a circle a reader
 * has to hold in their head, and it is how the layers used to leak. Only relative specifiers are followed
 * (the project has no path aliases); anything outside `root` is left out.
 */
export function importGraph(projectRoot: string, root: string): Map<string, string[]> {
  const files = listTs(path.join(projectRoot, root));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets = new Set<string>();
    for (const spec of specifiers(source)) {
      if (!spec.startsWith('.')) continue;
      const resolved = resolve(path.dirname(file), spec, known);
      if (resolved) targets.add(path.relative(projectRoot, resolved));
    }
    graph.set(path.relative(projectRoot, file), [...targets].sort());
  }
  return graph;
}

/** Every elementary circle found by a depth-first walk, each reported once from its smallest file. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = canonical(cycle).join(' > ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(canonical(cycle));
        }
      } else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function canonical(cycle: string[]): string[] {
  let start = 0;
  cycle.forEach((f, i) => {
    if (f < (cycle[start] ?? '')) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

function specifiers(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const walk = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return out;
}

function resolve(dir: string, spec: string, known: Set<string>): string | undefined {
  const base = path.resolve(dir, spec.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}
