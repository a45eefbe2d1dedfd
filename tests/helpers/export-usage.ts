import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** An exported name of a file, and whether the file itself uses it. */
export interface LocalExport {
  file: string;
  name: string;
  usedInFile: boolean;
}

/**
 * Exports of the files below `roots` that no other file of the project imports (tests, build
 * scripts and configs count as importers). A namespace import, `export *` or a dynamic import of
 * a file counts as using all its exports. Only relative specifiers are followed.
 */
export function exportsUsedOnlyLocally(projectRoot: string, roots: string[], importerRoots: string[]): LocalExport[] {
  const importers = importerRoots.flatMap((r) => listSources(path.join(projectRoot, r)));
  const used = new Map<string, Set<string>>();
  const all = new Set<string>();
  const mark = (file: string | undefined, name: string): void => {
    if (file === undefined) return;
    if (!used.has(file)) used.set(file, new Set());
    used.get(file)?.add(name);
  };
  for (const file of importers) {
    const source = parse(file);
    const dir = path.dirname(file);
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolve(dir, node.moduleSpecifier.text);
        const clause = node.importClause;
        if (clause?.name) mark(target, 'default');
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings) && target) all.add(target);
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) mark(target, (el.propertyName ?? el.name).text);
        if (!clause && target) all.add(target); // side-effect import: keeps nothing, but harmless
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolve(dir, node.moduleSpecifier.text);
        if (!node.exportClause && target) all.add(target);
        else if (node.exportClause && ts.isNamedExports(node.exportClause))
          for (const el of node.exportClause.elements) mark(target, (el.propertyName ?? el.name).text);
        else if (target) all.add(target);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [arg] = node.arguments;
        const target = arg && ts.isStringLiteral(arg) ? resolve(dir, arg.text) : undefined;
        if (target) all.add(target);
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        const target = resolve(dir, node.argument.literal.text);
        if (target && node.qualifier)
          mark(target, ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.left.getText(source));
        else if (target) all.add(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const out: LocalExport[] = [];
  for (const file of roots.flatMap((r) => listSources(path.join(projectRoot, r)))) {
    if (all.has(file)) continue;
    const source = parse(file);
    for (const { name, node } of exportedNames(source)) {
      if (used.get(file)?.has(name)) continue;
      out.push({ file: path.relative(projectRoot, file), name, usedInFile: usedElsewhereInFile(source, name, node) });
    }
  }
  return out;
}

function exportedNames(source: ts.SourceFile): { name: string; node: ts.Node }[] {
  const out: { name: string; node: ts.Node }[] = [];
  for (const stmt of source.statements) {
    const exported =
      ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const isDefault = ts.getModifiers(stmt as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (isDefault) {
      out.push({ name: 'default', node: stmt });
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations)
        if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, node: d.name });
    } else if (
      (ts.isFunctionDeclaration(stmt) ||
        ts.isClassDeclaration(stmt) ||
        ts.isInterfaceDeclaration(stmt) ||
        ts.isTypeAliasDeclaration(stmt) ||
        ts.isEnumDeclaration(stmt)) &&
      stmt.name
    ) {
      out.push({ name: stmt.name.text, node: stmt.name });
    }
  }
  return out;
}

function usedElsewhereInFile(source: ts.SourceFile, name: string, declaration: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && node !== declaration) found = true;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : undefined,
  );
}

function resolve(dir: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(dir, spec.replace(/\.(js|mjs|cjs)$/, ''));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function listSources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.(tsx?|mts|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}
