/** The repository's own rules, enforced. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const filesIn = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));
const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

it('keeps src/ pure: no imports from outside src/, no browser or extension globals', () => {
  for (const file of filesIn('src')) {
    const text = readFileSync(join(root, file), 'utf8');
    expect(imports(file).filter((i) => !i.startsWith('./')), file).toEqual([]);
    expect(text, file).not.toMatch(/\b(chrome|browser|window|document|navigator)\./);
  }
});

it('lets background/, content/ and popup/ import from src/ but never from each other', () => {
  for (const dir of ['background', 'content', 'popup']) {
    for (const file of filesIn(dir).filter((f) => /\.tsx?$/.test(f))) {
      const foreign = imports(file).filter((i) => i.startsWith('..') && !/^(\.\.\/)+src\//.test(i));
      expect(foreign, file).toEqual([]);
    }
  }
});

it('builds every file the manifest names', async () => {
  // @ts-expect-error: plain ES module without types.
  const { ENTRIES, STATIC } = await import('../../scripts/build.mjs') as { ENTRIES: object; STATIC: string[] };
  const built = new Set([...Object.keys(ENTRIES), ...STATIC.map((file) => file.split('/').pop())]);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const named: string[] = [manifest.background.service_worker, ...manifest.background.scripts,
    manifest.action.default_popup,
    ...manifest.content_scripts.flatMap((c: { js: string[] }) => c.js)];
  expect(named.filter((file) => !built.has(file))).toEqual([]);
});

/** What may stand at the top of the repository; anything else (a debug script, a log) belongs elsewhere or nowhere. */
const TOP_LEVEL = ['.ci', '.gitignore', '_locales', 'CHANGELOG.md', 'PRIVACY.de.md', 'PRIVACY.md', 'README.md',
  'SOURCE.md', 'background', 'content', 'docs', 'eslint.config.js', 'icons', 'manifest.json', 'package-lock.json',
  'package.json', 'popup', 'scripts', 'src', 'store', 'test', 'tsconfig.json', 'tsconfig.page.json',
  'vitest.config.ts'];

it('commits nothing stray: only the known top-level entries, and tests only under test/', () => {
  const committed = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const tops = [...new Set(committed.map((file) => file.split('/')[0]!))];
  expect(tops.filter((top) => !TOP_LEVEL.includes(top))).toEqual([]);
  expect(committed.filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) && !file.startsWith('test/'))).toEqual([]);
});

it('declares the relay before the shim, so the relay hears the shim\'s first word', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  expect(manifest.content_scripts.map((c: { js: string[] }) => c.js[0])).toEqual(['relay.js', 'shim.js']);
});

// ── the two worlds of content/ ──────────────────────────────────────────────────────────────────────────────
// content/page/ runs in the page's MAIN world, where any built-in may be replaced by a page script after startup;
// content/relay.ts runs in the ISOLATED world. See content/page/natives.ts.

const pageFiles = () => filesIn('content/page').filter((f) => f.endsWith('.ts'));

/** Every import of `file`, with whether it is type-only (erased from the bundle). */
function importsOf(file: string): { from: string; isTypeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.filter(ts.isImportDeclaration).map((d) => ({
    from: (d.moduleSpecifier as ts.StringLiteral).text,
    isTypeOnly: !!d.importClause?.isTypeOnly,
  }));
}

it('keeps the shim to what it may load: its own folder, the page-world protocol and its typing, and types', () => {
  const wrong = pageFiles().flatMap((file) => importsOf(file)
    .filter(({ from, isTypeOnly }) => !from.startsWith('./') && !['../../src/page-world',
      '../../src/messages'].includes(from)
      && !(isTypeOnly && from.startsWith('../../src/')))
    .map(({ from }) => `${file} imports ${from}`));
  expect(wrong).toEqual([]);
  const isolated = filesIn('content').filter((f) => f.endsWith('.ts') && !f.startsWith('content/page/'));
  const crossing = isolated.flatMap((file) => importsOf(file).filter(({ from }) => from.startsWith('./page/'))
    .map(({ from }) => `${file} imports ${from}`));
  expect(crossing, 'the relay, in the other world').toEqual([]);
});

it('keeps the shim to its captured natives and off iterators; outside natives.ts it names no page global', () => {
  const files = pageFiles().map((f) => join(root, f));
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const isLib = (d: ts.Declaration) => program.isSourceFileDefaultLibrary(d.getSourceFile());
  // Constants no script can change (non-writable, non-configurable); and the global object, which natives.ts hands out.
  const isConstant = (name: string) => ['undefined', 'NaN', 'Infinity'].includes(name);
  const found: string[] = [];
  const visit = (node: ts.Node, file: string) => {
    // Array destructuring, spreads and for-of ask Array.prototype for its iterator, which a page can replace.
    const usesIterator = ts.isArrayBindingPattern(node) || ts.isForOfStatement(node)
      || (ts.isSpreadElement(node) && !ts.isObjectLiteralExpression(node.parent));
    if (usesIterator) found.push(`${file.slice(root.length + 1)}: ${node.getText().slice(0, 40)}`);
    const isNatives = file.endsWith('/natives.ts'); // where the globals are captured, before any page script
    if (!isNatives && ts.isIdentifier(node) && isReadAsValue(node) && !isConstant(node.text)) {
      const declarations = checker.getSymbolAtLocation(node)?.declarations ?? [];
      const isGlobal = node.text === 'globalThis' || (declarations.length > 0 && declarations.every(isLib));
      if (isGlobal) found.push(`${file.slice(root.length + 1)}: ${node.text}`);
    }
    ts.forEachChild(node, (child) => visit(child, file));
  };
  for (const file of files) visit(program.getSourceFile(file)!, file);
  expect(found).toEqual([]);
});

/** An identifier the code reads as a variable: not a type, not a member or key name, not a declaration. */
function isReadAsValue(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPartOfTypeNode(node)) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)
    || ts.isPropertyDeclaration(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportSpecifier(parent)) return false;
  return !(ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isParameter(parent)
    || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) || parent.name !== node;
}

it('names every module of src/, content/ and background/ in the README\'s Layout section', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
  const modules = ['src', 'content', 'background'].flatMap(filesIn).map((file) => file.split('/').pop()!);
  expect(modules.filter((name) => !layout.includes(name))).toEqual([]);
});
