/**
 * A tiny static server for test/pages on localhost (a secure context, so capture works). Used by `npm start`,
 * the e2e tests and the benchmark. Serves nothing outside its folder.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png',
};
/** Headers that make a page cross-origin isolated (`?isolated`), for the benchmark's microsecond clock. */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Starts serving `dir`; resolves to { url, close }. Port 0 picks a free port. */
export function serve(dir, port = 0) {
  const server = createServer(async (req, res) => {
    // No icon: an empty answer keeps a 404 out of the console, where the tests look for errors.
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    const url = new URL(req.url, 'http://x');
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path || 'demo.html');
    if (!file.startsWith(dir + sep) && file !== dir) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        // `?isolated` makes the page cross-origin isolated, for the benchmark: its clock is then precise to a few
        // microseconds instead of 100, which a 3 ms getUserMedia call needs.
        ...(url.searchParams.has('isolated') && ISOLATED),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://localhost:${actual}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
