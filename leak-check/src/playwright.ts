/**
 * `trackstop-leak-check/playwright`: Playwright's `test`, whose context puts the reader and the shim into every
 * document of every page and frame (`context.addInitScript`: same- and cross-origin frames, popups; script-made
 * about:blank frames through the shim's own guard), and Playwright's `expect` with `toHaveNoLeakedTracks` and
 * `toHaveNoLiveCapture` on a Page. The reader talks to the runner through `context.exposeBinding` under a random
 * name, which the init script takes off the window before the app's first script (trust: leak-check/page/reader.ts).
 */
import { type BrowserContext, type Page, test as base, expect as baseExpect } from '@playwright/test';
import { type CheckOptions, type CheckResult, checkHub, liveCaptureOf } from './check';
import { Hub, LeakCheckError, follow } from './hub';
import { reportHtml } from './html';
import { initScript, randomBindingName } from './init-script';
import { leaksMessage, liveCaptureMessage } from './message';

const hubs = new WeakMap<Page, Hub>();
const installed = new WeakSet<BrowserContext>();

function hubOf(page: Page): Hub {
  const known = hubs.get(page);
  if (known) return known;
  const made = new Hub();
  hubs.set(page, made);
  follow(made, page as unknown as Parameters<typeof follow>[1], 'crash');
  return made;
}

/** Installs the check on a context: every page and frame it opens from now on carries it. */
export async function installLeakCheck(context: BrowserContext): Promise<void> {
  if (installed.has(context)) return;
  installed.add(context);
  const name = randomBindingName();
  await context.exposeBinding(name, ({ page }, text: unknown) => (page ? hubOf(page).onCall(text) : ''));
  await context.addInitScript({ content: initScript(name) });
}

/** The tracks of a page and their leaks: the plain API, on a Playwright page. */
export async function checkLeaks(page: Page, options?: CheckOptions): Promise<CheckResult> {
  if (!installed.has(page.context())) {
    throw new LeakCheckError('This page\'s context has no leak check: take `test` from trackstop-leak-check/playwright '
      + '(its `page` and `context` carry it), or call installLeakCheck(context) before opening the page.');
  }
  const isClosed = page.isClosed();
  return checkHub(hubOf(page), { url: page.url(), title: isClosed ? undefined : await page.title().catch(() => ''),
    isClosed, frameUrls: isClosed ? undefined : page.frames().map((f) => f.url()) }, options);
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await installLeakCheck(context);
    await use(context);
  },
});

type MatcherResult = { pass: boolean; message: () => string; name: string };

async function attach(result: CheckResult): Promise<void> {
  const info = test.info();
  await info.attach('trackstop-report.json', { body: JSON.stringify(result.report, null, 2),
    contentType: 'application/json' });
  await info.attach('trackstop-report.html', { body: reportHtml(result.report), contentType: 'text/html' });
}

async function run(name: string, page: Page, options: CheckOptions | undefined,
  judge: (result: CheckResult, url: string) => { pass: boolean; message: string }): Promise<MatcherResult> {
  let result: CheckResult;
  try {
    result = await checkLeaks(page, options);
  } catch (error) {
    const text = error instanceof LeakCheckError ? error.message : `The leak check failed: ${String(error)}`;
    return { pass: false, name, message: () => text };
  }
  const { pass, message } = judge(result, page.url());
  if (!pass) await attach(result);
  return { pass, name, message: () => message };
}

export const expect = baseExpect.extend({
  async toHaveNoLeakedTracks(page: Page, options?: CheckOptions) {
    return run('toHaveNoLeakedTracks', page, options, (result, url) =>
      ({ pass: !result.leaks.length, message: leaksMessage(result, url) }));
  },
  async toHaveNoLiveCapture(page: Page, options?: CheckOptions) {
    return run('toHaveNoLiveCapture', page, options, (result, url) => {
      const live = liveCaptureOf(result);
      return { pass: !live.length, message: liveCaptureMessage(live, url) };
    });
  },
});

export type { CheckOptions, CheckResult } from './check';
