/**
 * The one place where extension pages talk to the background: typed requests, and a watch on one tab that
 * reconnects by itself when the service worker restarts.
 */
import browser from 'webextension-polyfill';
import type { StopResult, StopTarget, TabId } from '../src/model';
import type { BrowserCapture } from '../src/sources';
import { type BackgroundApi, type Reply, type Request, type TabView, UI_PORT, type UiPush } from '../src/protocol';

function request<K extends keyof BackgroundApi>(type: K, data: Extract<Request<BackgroundApi>, { type: K }>['data']) {
  return browser.runtime.sendMessage({ type, data }) as Promise<Reply<BackgroundApi, K>>;
}

export const getState = (tabId: TabId): Promise<TabView> => request('getState', { tabId });
export const stop = (target: StopTarget): Promise<StopResult[]> => request('stop', target);

/** Calls `onView` with the tab's view now and after every change, until the returned function is called. */
export function watchTab(tabId: TabId, onView: (view: TabView) => void): () => void {
  let isClosed = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    if (isClosed) return;
    port = browser.runtime.connect({ name: UI_PORT });
    port.onMessage.addListener((message: unknown) => {
      const push = message as UiPush;
      if (push?.type === 'stateChanged' && push.view?.tabId === tabId) onView(push.view);
    });
    // The worker was stopped: wake it again and keep watching.
    port.onDisconnect.addListener(() => { port = undefined; setTimeout(connect, 100); });
    port.postMessage({ type: 'watch', tabId });
  };
  connect();
  return () => { isClosed = true; port?.disconnect(); };
}

/** The tab this page is about: `?tab=<id>`, or the active tab of the current window. */
export async function targetTabId(): Promise<TabId | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param) as TabId;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? undefined : (tab.id as TabId);
}

/**
 * What the browser itself says the tab captures: Firefox's `sharingState`; undefined where the browser does not say
 * (Chromium) or the tab is gone.
 */
export async function browserCaptureOf(tabId: TabId): Promise<BrowserCapture | undefined> {
  try {
    return ((await browser.tabs.get(tabId)) as { sharingState?: BrowserCapture }).sharingState;
  } catch {
    return undefined;
  }
}
