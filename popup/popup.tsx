/**
 * The toolbar popup (also opened as `popup.html?tab=<id>`): watches one tab, sends stops, and keeps each stop's
 * read-back result next to the tracks it covered. The only stateful component; the rest are functions of props.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { type StopResult, type StopTarget, type TabId, trackKey } from '../src/model';
import type { TabView } from '../src/protocol';
import { TabPanel } from './components/TabPanel';
import type { BrowserCapture } from '../src/sources';
import { leaksOf } from '../src/leaks';
import { DEFAULT_SETTINGS } from '../src/settings';
import { browserCaptureOf, exportReport, stop, targetTabId, watchSettings, watchTab } from './client';

function Popup({ tabId }: { tabId: TabId }) {
  const [view, setView] = useState<TabView | undefined>();
  const [now, setNow] = useState(Date.now());
  const [results, setResults] = useState<ReadonlyMap<string, StopResult>>(new Map());
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [capture, setCapture] = useState<BrowserCapture | undefined>();
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [exported, setExported] = useState('');

  useEffect(() => watchTab(tabId, setView), [tabId]);
  useEffect(() => watchSettings(setSettings), []);
  const leaks = useMemo(() => leaksOf(view?.live ?? [], view?.hiddenSince, now, settings), [view, now, settings]);
  const onExport = useCallback(() => {
    if (!view) return;
    exportReport(view, settings).then((name) => setExported(`Saved ${name}`),
      (e: unknown) => setError(`Could not export: ${e instanceof Error ? e.message : String(e)}`));
  }, [view, settings]);
  useEffect(() => {
    // Ages tick, and the browser's own view of the tab's capture has no change event to listen to in every browser.
    const tick = () => { setNow(Date.now()); void browserCaptureOf(tabId).then(setCapture); };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [tabId]);

  const run = useCallback(async (target: StopTarget) => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await stop(target);
      setResults((old) => {
        const next = new Map(old);
        for (const r of outcome) next.set(trackKey(r.frameId, r.trackId), r);
        return next;
      });
    } catch (e) {
      setError(`Could not stop: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
      setNow(Date.now());
    }
  }, []);

  return (
    <>
      <header class="top">
        <h1>Trackstop</h1>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="exported" role="status">{exported}</p>
      {view
        ? <TabPanel view={view} now={now} results={results} isBusy={isBusy} leaks={leaks} browserCapture={capture}
            onExport={onExport}
            onStopTab={() => run({ scope: 'tab', tabId })}
            onStopSource={(source) => run({ scope: 'source', tabId, sourceKey: source.key })}
            onStopTrack={(t) => run({ scope: 'track', tabId, frameId: t.frameId, trackId: t.id })} />
        : <p class="loading">Loading…</p>}
    </>
  );
}

async function main(): Promise<void> {
  const root = document.getElementById('root')!;
  const tabId = await targetTabId();
  if (tabId === undefined) {
    root.textContent = 'Trackstop shows the tracks of a browser tab; there is no tab here.';
    return;
  }
  render(<Popup tabId={tabId} />, root);
}

void main();
