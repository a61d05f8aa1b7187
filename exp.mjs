import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { serve } from '/work/main/scripts/serve.mjs';
const server = await serve('/work/main/test/pages');
const shim = readFileSync(process.argv[2] ?? '/work/main/dist/chromium/shim.js', 'utf8');
const ctx = await chromium.launchPersistentContext('/tmp/exp-prof-' + Date.now(), { executablePath: '/usr/lib/chromium/chromium', headless: true,
  args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--no-sandbox', '--disable-gpu'] });
const results = { none: [], shim: [] };
for (let r = 0; r < 14; r++) for (const v of r % 2 ? ['none', 'shim'] : ['shim', 'none']) {
  const page = await ctx.newPage();
  if (v === 'shim') await page.addInitScript({ content: shim });
  await page.goto(server.url + '/blank.html');
  const t = await page.evaluate(async () => {
    const [track] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
    const times = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 2000; i++) track.clone().stop();
      await new Promise((res) => setTimeout(res, 0));
      times.push(performance.now() - t0);
    }
    return times.sort((a,b)=>a-b)[2];
  });
  results[v].push(Math.round(t));
  await page.close();
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(JSON.stringify(results), med(results.shim) / med(results.none));
await ctx.close(); await server.close();
