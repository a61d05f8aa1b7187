import { it } from 'vitest';
import { launchHarness, stateBytes, demo } from './test/e2e/harness';
it('ff steps', async () => {
  const h = await launchHarness('firefox');
  const calm = await h.open();
  await demo(calm, 'camera');
  const calmTab = await h.tabIdOf(calm);
  console.log('bytes', await stateBytes(h));
  const f = await h.open('flood.html');
  console.log('A', await f.evaluate(() => typeof (window as any).flood + location.href));
  const ft = await h.tabIdOf(f);
  console.log('B', ft, calmTab, await f.evaluate(() => typeof (window as any).flood + location.href));
  await h.close();
}, 60000);
