/**
 * The one place where extension pages talk to the background: typed requests, and a watch on one tab that
 * reconnects by itself when the service worker restarts.
 */
import { browser } from './platform';
import type { StopResult, StopTarget, TabId } from '../src/model';
import type { BrowserCapture } from '../src/sources';
import { buildReport, reportFileName } from '../src/report';
import { DEFAULT_SETTINGS, type Settings, settingsFrom } from '../src/settings';
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

/** Calls `onSettings` with the settings now and whenever they change, until the returned function is called. */
export function watchSettings(onSettings: (settings: Settings) => void): () => void {
  const read = () => browser.storage.local.get('settings').then(({ settings }) => onSettings(settingsFrom(settings)),
    () => onSettings(DEFAULT_SETTINGS));
  const onChanged = (changes: Record<string, unknown>, area: string) =>
    { if (area === 'local' && 'settings' in changes) void read(); };
  browser.storage.onChanged.addListener(onChanged);
  void read();
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** The tab's address and title, for naming a report; empty if the tab is gone. */
export async function tabMetaOf(tabId: TabId): Promise<{ url?: string; title?: string }> {
  try {
    const tab = await browser.tabs.get(tabId);
    return { ...(tab.url && { url: tab.url }), ...(tab.title && { title: tab.title }) };
  } catch {
    return {};
  }
}

/** Saves the tab's report as `trackstop-<host>-<date>.json`, through the browser's own download of a blob URL. */
export async function exportReport(view: TabView, settings: Settings): Promise<string> {
  const meta = await tabMetaOf(view.tabId);
  const now = Date.now();
  const report = buildReport(view, { version: browser.runtime.getManifest().version, ...meta }, now, settings);
  const name = reportFileName(meta.url, new Date(now));
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the blob by the time the next task runs in Chromium; Firefox wants a moment longer.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
