/**
 * `web-ext lint` on dist/firefox, offline. Every error and warning fails the lint, except the one the shared
 * manifest always earns: BACKGROUND_SERVICE_WORKER_IGNORED (Firefox ignores the Chromium worker key).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWED = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);
const webExt = join(root, 'node_modules', '.bin', 'web-ext');

let output;
try {
  output = execFileSync(webExt, ['lint', '--source-dir', join(root, 'dist/firefox'), '--output', 'json', '--no-input'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
} catch (error) {
  output = error.stdout; // web-ext exits non-zero when it finds errors; the JSON still says which.
}
const report = JSON.parse(output);
const problems = [...report.errors, ...report.warnings].filter((p) => !ALLOWED.has(p.code));
for (const p of problems) console.error(`${p._type} ${p.code} ${p.file ?? ''}: ${p.message}\n  ${p.description ?? ''}`);
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices; ${problems.length} not allowed`);
process.exit(problems.length ? 1 : 0);
