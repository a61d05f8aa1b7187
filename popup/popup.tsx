/**
 * The toolbar popup (also opened as `popup.html?tab=<id>`): the tab it is about first, in full, then every other tab
 * that captures, with a stop for each and one for everything everywhere, and the keyboard shortcuts. It keeps each
 * stop's read-back result next to what it covered, and says the outcome in a live region. Escape closes it.
 */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ControlResult, TabId } from '../src/model';
import type { BrowserCapture } from '../src/sources';
import { outcomesText } from '../src/format';
import { t, tp } from '../src/i18n';
import { OtherTabs } from './components/OtherTabs';
import { RecentlyEnded } from './components/RecentlyEnded';
import { Shortcuts } from './components/Shortcuts';
import { useShortcutKeys } from './use-shortcut-keys';
import { TabPanel } from './components/TabPanel';
import {
  browserCaptureOf, hold, openOptions, release, stop, switchToTab, targetTabId, useBrowserLanguage,
} from './client';
import type { TabEntry } from './tab-entry';
import { useAllTabs } from './use-all-tabs';
import { useTab } from './use-tab';

function Popup({ tabId }: { tabId: TabId }) {
  const { view, now, results, isBusy, error, leaks, exported, said, run, exportNow, releaseHold } = useTab(tabId);
  const { tabs, windowOf } = useAllTabs();
  const keys = useShortcutKeys();
  const others = tabs.filter((t) => t.tabId !== tabId);
  const [capture, setCapture] = useState<BrowserCapture | undefined>();
  const [stopped, setStopped] = useState<ReadonlyMap<TabId, ControlResult[]>>(new Map());
  const [everywhere, setEverywhere] = useState('');
  const [isStopping, setStopping] = useState(false);
  useEffect(() => {
    // The browser's own view of the tab's capture has no change event to listen to in every browser.
    const tick = () => void browserCaptureOf(tabId).then(setCapture);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [tabId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') window.close(); };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  /** Stops (and holds) every track of other tabs (one, or all), and keeps each tab's outcome beside it. */
  const stopOthers = useCallback(async (target: { scope: 'tab'; tabId: TabId } | { scope: 'all' }, isHeld = false) => {
    setStopping(true);
    try {
      const outcome = isHeld ? await hold(target) : await stop(target);
      const byTab = new Map<TabId, ControlResult[]>();
      for (const r of outcome) byTab.set(r.tabId, [...byTab.get(r.tabId) ?? [], r]);
      setStopped((old) => new Map([...old, ...byTab]));
      if (target.scope === 'all') setEverywhere(everywhereText(byTab, tabs, tabId));
    } finally {
      setStopping(false);
    }
  }, [tabs, tabId]);

  const isAnyLive = !!view?.live.length || others.length > 0;
  const busy = isBusy || isStopping;
  return (
    <>
      <header class="top">
        <h1>{t('extensionName')}</h1>
        <button type="button" class="quiet" onClick={() => void openOptions()}>{t('settings')}</button>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="said" role="status">{said}</p>
      <p class="exported" role="status">{exported}</p>
      {view
        ? (
          <main>
            <div class="everywhere">
              <button type="button" class="stop stop-all" disabled={busy || !isAnyLive}
                onClick={() => void stopOthers({ scope: 'all' })}>{t('stopEverythingEverywhere')}</button>
              <button type="button" class="stop hold" disabled={busy || !isAnyLive}
                onClick={() => void stopOthers({ scope: 'all' }, true)}>{t('stopAndHoldEverywhere')}</button>
              <p class="everywhere-said" role="status">{everywhere}</p>
            </div>
            <TabPanel view={view} now={now} results={results} isBusy={busy} leaks={leaks} browserCapture={capture}
              onStopTab={() => void run({ scope: 'tab', tabId })}
              onHoldTab={(kinds) => void run({ scope: 'tab', tabId }, 'hold', kinds)}
              onRelease={() => void releaseHold()}
              onStopSource={(source) => void run({ scope: 'source', tabId, sourceKey: source.key })}
              onHoldSource={(source) => void run({ scope: 'source', tabId, sourceKey: source.key }, 'hold')}
              onStopTrack={(t) => void run({ scope: 'track', tabId, frameId: t.frameId, trackId: t.id })}
              onPauseTab={(isPaused) => void run({ scope: 'tab', tabId }, isPaused ? 'pause' : 'resume')}
              onPauseSource={(source, isPaused) =>
                void run({ scope: 'source', tabId, sourceKey: source.key }, isPaused ? 'pause' : 'resume')}
              onPauseTrack={(t, isPaused) => void run({ scope: 'track', tabId, frameId: t.frameId, trackId: t.id },
                isPaused ? 'pause' : 'resume')} />
            <OtherTabs tabs={others} currentWindow={windowOf(tabId)} isBusy={busy} stopped={stopped}
              onStopTab={(tab) => void stopOthers({ scope: 'tab', tabId: tab.tabId })}
              onRelease={(tab) => void release(tab.tabId)}
              onSwitchTo={(tab) => void switchToTab(tab.meta)} />
            <RecentlyEnded view={view} now={now} results={results} onExport={exportNow} />
            <Shortcuts keys={keys} />
          </main>
        )
        : <p class="loading">{t('loading')}</p>}
    </>
  );
}

/** "Stopped 3 tracks in 2 tabs. This tab: 2 ended. Other: 1 ended." */
function everywhereText(byTab: ReadonlyMap<TabId, ControlResult[]>, tabs: readonly TabEntry[], current: TabId): string {
  if (!byTab.size) return t('nothingWasCapturing');
  const ended = [...byTab.values()].flat().filter((r) => r.outcome === 'ended').length;
  const perTab = [...byTab].map(([id, results]) => {
    const name = id === current ? t('thisTab') : tabs.find((tab) => tab.tabId === id)?.meta.title || t('tabN', id);
    return t('tabSaid', name, outcomesText('stop', results));
  });
  return `${t('stoppedTracksInTabs', tp('stoppedTracks', ended), tp('tabs', byTab.size))}. ${perTab.join(' ')}`;
}

async function main(): Promise<void> {
  useBrowserLanguage();
  const root = document.getElementById('root')!;
  const tabId = await targetTabId();
  if (tabId === undefined) {
    root.textContent = t('noTab');
    return;
  }
  render(<Popup tabId={tabId} />, root);
}

void main();
