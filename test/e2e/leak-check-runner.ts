/**
 * Runs the real @playwright/test runner as a user's suite runs it (a child process, `--reporter=json`) and reads its
 * JSON report into one line per test: its title, status and error messages (without colours).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface SpecOutcome {
  title: string;
  status: string;
  messages: string[];
  attachments: string[];
}

interface JsonSuite {
  specs?: { title: string; tests: { results: { status: string; errors?: { message?: string }[];
    attachments?: { name: string }[] }[] }[] }[];
  suites?: JsonSuite[];
}

// eslint-disable-next-line no-control-regex -- the escape character starts every colour code
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function outcomesOf(suite: JsonSuite, into: SpecOutcome[]): SpecOutcome[] {
  for (const spec of suite.specs ?? []) {
    const result = spec.tests[0]?.results.at(-1);
    into.push({ title: spec.title, status: result?.status ?? 'missing',
      messages: (result?.errors ?? []).map((e) => plain(e.message ?? '')),
      attachments: (result?.attachments ?? []).map((a) => a.name) });
  }
  for (const child of suite.suites ?? []) outcomesOf(child, into);
  return into;
}

/**
 * Runs `playwright test` in `cwd` with `args`; resolves to every spec's outcome, by title. Asynchronous: the pages'
 * server may live in this very process.
 */
export async function runPlaywright(cwd: string, args: string[], env: Record<string, string>):
  Promise<Map<string, SpecOutcome>> {
  const cli = resolve(cwd, 'node_modules/@playwright/test/cli.js');
  const child = spawn(process.execPath, [cli, 'test', '--reporter=json', ...args], {
    cwd, env: { ...process.env, FORCE_COLOR: '0', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d; });
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  const timer = setTimeout(() => child.kill(), 170_000);
  const status = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  let report: JsonSuite;
  try {
    report = JSON.parse(stdout) as JsonSuite;
  } catch {
    throw new Error(`playwright test printed no JSON report (exit ${status}):\n${stdout}\n${stderr}`);
  }
  return new Map(outcomesOf(report, []).map((o) => [o.title, o]));
}
