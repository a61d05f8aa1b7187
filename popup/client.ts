/**
 * The one place where extension pages talk to the background: typed requests, and a watch on one tab that
 * reconnects by itself when the service worker restarts.
 */
import { browser } from './platform';
import type { StopResult, StopTarget, TabId } from '../src/model';
import type { BrowserCapture } from '../src/sources';
import {
  type BackgroundApi, type DataOf, type Handlers, type Message, type Ret, type TabView, UI_PORT, type UiApi,
  type WatchApi, handle, parseUiMessage,
} from '../src/protocol';

function request<K extends keyof BackgroundApi>(type: K, data: DataOf<BackgroundApi, K>) {
  return browser.runtime.sendMessage({ type, data }) as Promise<Ret<BackgroundApi[K]>>;
}

export const stop = (target: StopTarget): Promise<StopResult[]> => request('stop', target);

/** Calls `onView` with the tab's view now and after every change, until the returned function is called. */
export function watchTab(tabId: TabId, onView: (view: TabView) => void): () => void {
  let isClosed = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const handlers: Handlers<UiApi> = {
    stateChanged: (view) => { if (view.tabId === tabId) onView(view); },
  };
  const connect = () => {
    if (isClosed) return;
    port = browser.runtime.connect({ name: UI_PORT });
    port.onMessage.addListener((message: unknown) => {
      const push = parseUiMessage(message);
      if (push) handle(handlers, push, undefined);
    });
    // The worker was stopped: wake it again and keep watching.
    port.onDisconnect.addListener(() => { port = undefined; setTimeout(connect, 100); });
    port.postMessage({ type: 'watch', data: { tabId } } satisfies Message<WatchApi>);
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
