/**
 * The toolbar popup (also opened as `popup.html?tab=<id>`): watches one tab, sends stops, and keeps each stop's
 * read-back result next to the tracks it covered. The only stateful component besides the panel; the rest are
 * functions of props.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabId } from '../src/model';
import { TabPanel } from './components/TabPanel';
import type { BrowserCapture } from '../src/sources';
import { browserCaptureOf, targetTabId } from './client';
import { useTab } from './use-tab';

function Popup({ tabId }: { tabId: TabId }) {
  const { view, now, results, isBusy, error, leaks, exported, run, exportNow } = useTab(tabId);
  const [capture, setCapture] = useState<BrowserCapture | undefined>();
  useEffect(() => {
    // The browser's own view of the tab's capture has no change event to listen to in every browser.
    const tick = () => void browserCaptureOf(tabId).then(setCapture);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [tabId]);

  return (
    <>
      <header class="top">
        <h1>Trackstop</h1>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="exported" role="status">{exported}</p>
      {view
        ? <TabPanel view={view} now={now} results={results} isBusy={isBusy} leaks={leaks} browserCapture={capture}
            onExport={exportNow}
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
