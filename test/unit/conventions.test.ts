/** The repository's own rules, enforced: one file, a test a rule (past 200 lines for that reason). */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
      // Resolved, so that popup/components/ may use popup/'s own modules.
      const top = (i: string) => relative(root, resolve(root, dirname(file), i)).split('/')[0];
      const foreign = imports(file).filter((i) => i.startsWith('.') && ![dir, 'src'].includes(top(i)!));
      expect(foreign, file).toEqual([]);
    }
  }
});

// ── the layers of src/ (README, Layout) ─────────────────────────────────────────────────────────────────────
// Each module imports only from its own layer and those below; nothing in src/ imports in a cycle. A new module
// must be given a layer here.

const SRC_LAYERS: Record<string, readonly string[]> = {
  model: ['model.ts', 'source-id.ts', 'origin.ts', 'settings.ts', 'site-rules.ts'],
  wire: ['messages.ts', 'validate.ts', 'page-world.ts', 'rate.ts'],
  domain: ['capture.ts', 'tab-budget.ts', 'state.ts', 'control-plan.ts', 'sources.ts', 'leaks.ts', 'overview.ts',
    'stack.ts', 'capture-starts.ts'],
  protocol: ['protocol.ts', 'report-queue.ts'],
  words: ['i18n.ts', 'format.ts', 'leak-text.ts', 'report.ts'],
};
const LAYER_NAMES = Object.keys(SRC_LAYERS);
const layerOf = (module: string) => LAYER_NAMES.findIndex((layer) => SRC_LAYERS[layer]!.includes(module));

/** The src/ modules a src/ module imports or re-exports from, type-only ones included (they still tie the two). */
function srcImportsOf(module: string, read = (m: string) => readFileSync(join(root, 'src', m), 'utf8')): string[] {
  const source = ts.createSourceFile(module, read(module), ts.ScriptTarget.Latest);
  return source.statements.flatMap((s) => ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s))
    && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? [s.moduleSpecifier.text] : []))
    .filter((from) => from.startsWith('./')).map((from) => `${from.slice(2)}.ts`);
}

/** Every cycle of the import graph, each as the path that closes it (`a.ts → b.ts → a.ts`). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) { cycles.push([...path.slice(at), node].join(' → ')); return; }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

const srcGraph = () => new Map(filesIn('src').filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice('src/'.length)).map((m) => [m, srcImportsOf(m)] as const));

it('finds a cycle when there is one (the check itself)', () => {
  const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
  expect(cyclesOf(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  expect(cyclesOf(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  expect(srcImportsOf('x.ts', () => "import type { A } from './a';\nexport * from './b';\nimport { c } from 'c';"))
    .toEqual(['a.ts', 'b.ts']);
});

it('has no import cycle in src/, type-only imports included', () => {
  expect(cyclesOf(srcGraph())).toEqual([]);
});

it('gives every module of src/ a layer, and lets it import only from its own layer and those below', () => {
  const graph = srcGraph();
  expect([...graph.keys()].filter((m) => layerOf(m) < 0), 'modules without a layer').toEqual([]);
  const upward = [...graph].flatMap(([module, deps]) => deps.filter((dep) => layerOf(dep) > layerOf(module))
    .map((dep) => `${module} (${LAYER_NAMES[layerOf(module)]}) imports ${dep} (${LAYER_NAMES[layerOf(dep)]})`));
  expect(upward).toEqual([]);
});

it('makes words only in the words layer: nothing below it imports i18n, format or report', () => {
  const words = SRC_LAYERS.words!;
  const wordy = [...srcGraph()].filter(([module]) => !words.includes(module))
    .flatMap(([module, deps]) => deps.filter((dep) => words.includes(dep)).map((dep) => `${module} imports ${dep}`));
  expect(wordy).toEqual([]);
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
  'SOURCE.md', 'background', 'content', 'docs', 'eslint.config.js', 'icons', 'leak-check', 'manifest.json',
  'package-lock.json',
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

/**
 * What of src/ the shim may load as code: the page-world protocol, its typing, and the spelling of source ids. Each
 * imports no other module's code and uses no built-in a page could replace after startup.
 */
const SHIM_SRC = ['../../src/page-world', '../../src/messages', '../../src/source-id'];

it('keeps the shim to what it may load: its own folder, the page-world protocol and its typing, and types', () => {
  const wrong = pageFiles().flatMap((file) => importsOf(file)
    .filter(({ from, isTypeOnly }) => !from.startsWith('./') && !SHIM_SRC.includes(from)
      && !(isTypeOnly && from.startsWith('../../src/')))
    .map(({ from }) => `${file} imports ${from}`));
  expect(wrong).toEqual([]);
  const isolated = filesIn('content').filter((f) => f.endsWith('.ts') && !f.startsWith('content/page/'));
  const crossing = isolated.flatMap((file) => importsOf(file).filter(({ from }) => from.startsWith('./page/'))
    .map(({ from }) => `${file} imports ${from}`));
  expect(crossing, 'the relay, in the other world').toEqual([]);
});

/** The shim's own records: every field but `creator` (a report's field too) is private and named by the rule. */
const SHIM_RECORDS: Record<string, string[]> = {
  'content/page/entries.ts': ['Entry', 'Feeding'], 'content/page/sinks.ts': ['Consumer'],
  'content/page/track-table.ts': ['Op'],
};

it('names every private field of the shim\'s records by the rule the build shortens (SHIM_PRIVATE_FIELD)', async () => {
  // @ts-expect-error: plain ES module without types.
  const { SHIM_PRIVATE_FIELD } = await import('../../scripts/build.mjs') as { SHIM_PRIVATE_FIELD: RegExp };
  const fields = Object.entries(SHIM_RECORDS).flatMap(([file, names]) => {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      const isRecord = (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
        && names.includes(node.name.text);
      if (isRecord) {
        node.forEachChild(function members(child): void {
          if (ts.isPropertySignature(child)) found.push(child.name.getText(source));
          else child.forEachChild(members);
        });
      }
      node.forEachChild(visit);
    };
    visit(source);
    return found;
  });
  expect(fields.length).toBeGreaterThan(20);
  expect(fields.filter((f) => f !== 'creator' && !SHIM_PRIVATE_FIELD.test(f))).toEqual([]);
  // Nothing the shim shares with a report, a browser object or a guardian's natives matches it.
  expect(['creator', '__proto__', 'apply', 'track', 'registry', 'take', 'natives', 'detail', 'relatedTarget']
    .filter((name) => SHIM_PRIVATE_FIELD.test(name))).toEqual([]);
});

/** The relay's parts: createRelay and what it is wired over, which content/relay.ts hands the browser's globals. */
const RELAY_PARTS = ['create-relay', 'port-session', 'page-events', 'shim-answers', 'reattach']
  .map((name) => `content/${name}.ts`);

it('keeps the relay to what it is given: no timer, clock, observer, window or runtime of its own', () => {
  const code = (file: string) => readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const reached = RELAY_PARTS.flatMap((file) => [...code(file).matchAll(
    /(?<![.\w])(setTimeout|setInterval|queueMicrotask|Date|performance|MutationObserver|globalThis|window|document|chrome|browser)\b(?!['"`:])/g,
  )].map((m) => `${file}: ${m[1]}`));
  expect(reached).toEqual([]);
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

// ── the e2e harness (test/e2e/harness-api.ts) ──────────────────────────────────────────────────────────────

it('has every e2e test go through the Harness: no test imports a driver, no driver imports harness.ts', () => {
  const DRIVERS = ['./chromium', './chromium-harness', './firefox'];
  const tests = filesIn('test/e2e').filter((f) => f.endsWith('.test.ts'));
  const reaching = tests.flatMap((file) => imports(file).filter((i) => DRIVERS.includes(i))
    .map((i) => `${file} imports ${i}`));
  expect(reaching, 'a browser that cannot do something says so in CAPABILITIES').toEqual([]);
  const drivers = ['chromium.ts', 'chromium-harness.ts', 'firefox.ts'].map((f) => `test/e2e/${f}`);
  const back = drivers.flatMap((file) => imports(file).filter((i) => i === './harness')
    .map((i) => `${file} imports ${i}`));
  expect(back).toEqual([]);
});
