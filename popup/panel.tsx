/**
 * The Trackstop panel in DevTools (added by devtools.ts) for the inspected tab; also loads as `panel.html?tab=<id>`
 * in a tab, where there is no DevTools (the e2e tests do that: headless Chromium cannot open a DevTools window).
 * Every track, live and ended, in full; filters; the same stops as the popup; the timeline; the report. It follows
 * the tab across navigations and background restarts because it watches the tab id, as the popup does.
 */
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type TabId, type TrackRecord, trackKey } from '../src/model';
import { sourceKeyOf } from '../src/state';
import { plural } from '../src/format';
import { PanelTrack } from './components/PanelTrack';
import { Timeline } from './components/Timeline';
import { targetTabId } from './client';
import { canOpenSource, inspectedTabId, openSource } from './source-link';
import { useTab } from './use-tab';

type KindFilter = 'all' | 'audio' | 'video';
type StateFilter = 'all' | 'live' | 'ended';

function Panel({ tabId }: { tabId: TabId }) {
  const { view, now, results, isBusy, error, leaks, exported, run, exportNow } = useTab(tabId);
  const [kind, setKind] = useState<KindFilter>('all');
  const [state, setState] = useState<StateFilter>('all');
  const [isFlaggedOnly, setFlaggedOnly] = useState(false);
  const all = useMemo(() => [...view?.live ?? [], ...view?.ended ?? []], [view]);
  const byKey = useMemo(() => new Map(all.map((t) => [trackKey(t.frameId, t.id), t])), [all]);
  const isShown = (t: TrackRecord) => (kind === 'all' || t.kind === kind)
    && (state === 'all' || t.readyState === state) && (!isFlaggedOnly || leaks.byTrack.has(trackKey(t.frameId, t.id)));
  const shown = all.filter(isShown);
  const onOpenSource = canOpenSource() ? openSource : undefined;

  return (
    <>
      <header class="panel-top">
        <h1>Trackstop</h1>
        <p class="summary-line" aria-live="polite">
          {view ? `${plural(view.live.length, 'live track')}, ${view.ended.length} ended`
            + (leaks.count ? `; ${leaks.count} ${leaks.count === 1 ? 'looks' : 'look'} leaked` : '') : 'Loading…'}
        </p>
        <button type="button" class="stop stop-all" disabled={isBusy || !view?.live.length}
          onClick={() => run({ scope: 'tab', tabId })}>Stop everything in this tab</button>
        <button type="button" class="quiet" disabled={!all.length} onClick={exportNow}>Export report</button>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="exported" role="status">{exported}</p>
      <form class="filters" aria-label="Filter tracks" onSubmit={(e) => e.preventDefault()}>
        <label>Kind <select value={kind} onChange={(e) => setKind(e.currentTarget.value as KindFilter)}>
          <option value="all">All</option><option value="video">Video</option><option value="audio">Audio</option>
        </select></label>
        <label>State <select value={state} onChange={(e) => setState(e.currentTarget.value as StateFilter)}>
          <option value="all">All</option><option value="live">Live</option><option value="ended">Ended</option>
        </select></label>
        <label><input type="checkbox" checked={isFlaggedOnly}
          onChange={(e) => setFlaggedOnly(e.currentTarget.checked)} /> Only tracks that look leaked</label>
      </form>
      <main class="panel-main">
        <section class="panel-tracks" aria-labelledby="tracks-heading">
          <h2 id="tracks-heading">Tracks ({shown.length} of {all.length})</h2>
          {!shown.length && <p class="empty">{all.length ? 'No track matches the filters.'
            : 'When this page makes a media track, it appears here with what it feeds and where it was made.'}</p>}
          {shown.map((track) => {
            const key = trackKey(track.frameId, track.id);
            return (
              <PanelTrack key={key} track={track} now={now} flags={leaks.byTrack.get(key)} result={results.get(key)}
                isBusy={isBusy} onOpenSource={onOpenSource}
                onStop={(t) => run({ scope: 'track', tabId, frameId: t.frameId, trackId: t.id })}
                onStopSource={(t) => run({ scope: 'source', tabId, sourceKey: sourceKeyOf(t) })} />
            );
          })}
        </section>
        <Timeline events={view?.timeline ?? []} tracks={byKey} />
      </main>
    </>
  );
}

async function main(): Promise<void> {
  const root = document.getElementById('root')!;
  const inspected = inspectedTabId();
  const tabId = inspected === undefined ? await targetTabId() : (inspected as TabId);
  if (tabId === undefined) {
    root.textContent = 'Trackstop shows the tracks of a browser tab; there is no tab here.';
    return;
  }
  render(<Panel tabId={tabId} />, root);
}

void main();
