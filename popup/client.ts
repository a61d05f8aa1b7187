/**
 * The one place where extension pages talk to the background: typed requests, and a watch on one tab that
 * reconnects by itself when the service worker restarts.
 */
import { browser } from './platform';
import type { ControlResult, ControlTarget, HoldKind, TabId } from '../src/model';
import type { BrowserCapture } from '../src/sources';
import { buildReport, reportFileName } from '../src/report';
import { useMessages } from '../src/i18n';
import { type EffectiveSettings, type Settings, effectiveSettings } from '../src/settings';
import {
  type EffectiveSiteRules, type SiteRules, effectiveSiteRules, siteRulesFrom, storedRules,
} from '../src/site-rules';
import type { TabSummary } from '../src/overview';
import type { TabMeta } from './tab-entry';
import { type DataOf, type Handlers, type Message, type Ret, handle } from '../src/messages';
import { UI_PORT } from '../src/page-world';
import { type BackgroundApi, type UiApi, type WatchApi, parseUiMessage } from '../src/protocol';
import type { TabView } from '../src/state';

/** Makes src/i18n.ts speak the browser's language; every extension page calls it before it renders. */
export function useBrowserLanguage(): void {
  useMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions), browser.i18n.getUILanguage());
  document.documentElement.lang = browser.i18n.getUILanguage();
}

function request<K extends keyof BackgroundApi>(type: K, data: DataOf<BackgroundApi, K>) {
  return browser.runtime.sendMessage({ type, data }) as Promise<Ret<BackgroundApi[K]>>;
}

export const stop = (target: ControlTarget): Promise<ControlResult[]> => request('stop', target);
/** Stop and hold: holds what the target's stop ends (or `kinds`) in its tabs, then stops it. */
export const hold = (target: ControlTarget, kinds?: HoldKind[]): Promise<ControlResult[]> =>
  request('hold', kinds ? { target, kinds } : { target });
export const release = (tabId: TabId): Promise<void> => request('release', { tabId });
export const pause = (target: ControlTarget, isPaused: boolean): Promise<ControlResult[]> =>
  request('pause', { target, isPaused });

/** Keeps a watch open on the background, reconnecting when the service worker restarts, until the return is called. */
function watch(ask: Message<WatchApi>, handlers: Partial<Handlers<UiApi>>): () => void {
  let isClosed = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const ignore = () => {};
  const all: Handlers<UiApi> = { stateChanged: ignore, overviewChanged: ignore, ...handlers };
  const connect = () => {
    if (isClosed) return;
    port = browser.runtime.connect({ name: UI_PORT });
    port.onMessage.addListener((message: unknown) => {
      const push = parseUiMessage(message);
      if (push) handle(all, push, undefined);
    });
    // The worker was stopped: wake it again and keep watching.
    port.onDisconnect.addListener(() => { port = undefined; setTimeout(connect, 100); });
    port.postMessage(ask);
  };
  connect();
  return () => { isClosed = true; port?.disconnect(); };
}

/** Calls `onView` with the tab's view now and after every change, until the returned function is called. */
export const watchTab = (tabId: TabId, onView: (view: TabView) => void) => watch({ type: 'watch', data: { tabId } },
  { stateChanged: (view) => { if (view.tabId === tabId) onView(view); } });

/** Calls `onTabs` with the summary of every tab with live tracks, now and after every change. */
export const watchAllTabs = (onTabs: (tabs: TabSummary[]) => void) => watch({ type: 'watchAll', data: {} },
  { overviewChanged: ({ tabs }) => onTabs(tabs) });

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

/**
 * Calls `onSettings` with the settings in force now and whenever they change, until the return is called: the
 * person's (`storage.sync`) at once, an administrator's (`storage.managed`) on top as soon as the browser answers,
 * which Chromium does only seconds after it starts.
 */
export function watchSettings(onSettings: (settings: EffectiveSettings) => void): () => void {
  let own: unknown;
  let enforced: unknown = {};
  let isClosed = false;
  const tell = () => { if (!isClosed) onSettings(effectiveSettings(own, enforced)); };
  const readOwn = () => browser.storage.sync.get('settings').then(({ settings }) => { own = settings; tell(); },
    () => tell());
  // Firefox rejects where no policy was ever set; a browser may lack managed storage altogether.
  const readEnforced = () => browser.storage.managed?.get().then((values) => { enforced = values; tell(); }, () => {});
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && 'settings' in changes) void readOwn();
    if (area === 'managed') void readEnforced();
  };
  browser.storage.onChanged.addListener(onChanged);
  void readOwn();
  void readEnforced();
  return () => { isClosed = true; browser.storage.onChanged.removeListener(onChanged); };
}

/**
 * Calls `onRules` with the rules per site in force now and whenever they change (the person's, `storage.sync`
 * `siteRules`, under an administrator's, `storage.managed` `siteRules`), until the return is called.
 */
export function watchSiteRules(onRules: (rules: EffectiveSiteRules) => void): () => void {
  let own: unknown;
  let enforced: unknown;
  let isClosed = false;
  const tell = () => { if (!isClosed) onRules(effectiveSiteRules(own, enforced)); };
  const readOwn = () => browser.storage.sync.get('siteRules').then(({ siteRules }) => { own = siteRules; tell(); },
    () => tell());
  const readEnforced = () => browser.storage.managed?.get('siteRules')
    .then(({ siteRules }) => { enforced = siteRules; tell(); }, () => {});
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && 'siteRules' in changes) void readOwn();
    if (area === 'managed') void readEnforced();
  };
  browser.storage.onChanged.addListener(onChanged);
  void readOwn();
  void readEnforced();
  return () => { isClosed = true; browser.storage.onChanged.removeListener(onChanged); };
}

/**
 * Changes the person's own rules per site, read afresh so that their rule for a site an administrator set (hidden
 * while the administrator's wins) is kept.
 */
export async function changeOwnSiteRules(change: (own: SiteRules) => SiteRules): Promise<void> {
  const { siteRules } = await browser.storage.sync.get('siteRules');
  await browser.storage.sync.set({ siteRules: storedRules(change(siteRulesFrom(siteRules))) });
}

/** Saves the person's own settings (an administrator's locked ones are not theirs to save, and win anyway). */
export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.sync.set({ settings });
}

/** The keyboard shortcuts as the person has them set: name → keys ('' when unset). */
export async function shortcutKeys(): Promise<Record<string, string>> {
  const commands = await browser.commands.getAll().catch(() => []);
  return Object.fromEntries(commands.map((c) => [c.name ?? '', c.shortcut ?? '']));
}

/** Every tab's window, title, address and icon (the host permissions let the extension see them). */
export async function allTabs(): Promise<TabMeta[]> {
  const tabs = await browser.tabs.query({});
  return tabs.filter((t) => t.id !== undefined).map((t) => ({
    tabId: t.id as TabId, windowId: t.windowId ?? 0, title: t.title ?? '', url: t.url ?? '',
    ...(t.favIconUrl && { favIconUrl: t.favIconUrl }),
  }));
}

/** Brings a tab to the front of its window, and its window to the front. */
export async function switchToTab(tab: Pick<TabMeta, 'tabId' | 'windowId'>): Promise<void> {
  await browser.tabs.update(tab.tabId, { active: true });
  await browser.windows.update(tab.windowId, { focused: true }).catch(() => {});
}

/** Asks for the optional notifications permission; must run in the handler of the person's click. */
export const requestNotifications = () => browser.permissions.request({ permissions: ['notifications'] });

/** Opens the options page. */
export const openOptions = () => browser.runtime.openOptionsPage();

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
  // Revoked later rather than at once: the download reads the blob after this returns, and no event says when.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
