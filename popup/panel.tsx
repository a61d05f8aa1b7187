/**
 * The Trackstop panel in DevTools (added by devtools.ts) for the inspected tab; also loads as `panel.html?tab=<id>`
 * in a tab, where there is no DevTools (the e2e tests do that: headless Chromium cannot open a DevTools window).
 * Every track, live and ended, in full; filters; the same stops as the popup; the timeline; the report. It follows
 * the tab across navigations and background restarts because it watches the tab id, as the popup does.
 */
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type TabId, type TrackRecord, trackKey } from '../src/model';
import { sourceKeyOf } from '../src/model';
import { t, tp } from '../src/i18n';
import { withLeaks } from '../src/format';
import { PanelTrack } from './components/PanelTrack';
import { Timeline } from './components/Timeline';
import { targetTabId, useBrowserLanguage } from './client';
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
        <h1>{t('extensionName')}</h1>
        <p class="summary-line" aria-live="polite">
          {view ? withLeaks(t('liveAndEnded', tp('liveTracks', view.live.length), view.ended.length), leaks.count)
            : t('loading')}
        </p>
        <button type="button" class="stop stop-all" disabled={isBusy || !view?.live.length}
          onClick={() => run({ scope: 'tab', tabId })}>{t('stopEverythingInThisTab')}</button>
        <button type="button" class="quiet" disabled={!all.length} onClick={exportNow}>{t('exportReport')}</button>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="exported" role="status">{exported}</p>
      <form class="filters" aria-label={t('filterTracks')} onSubmit={(e) => e.preventDefault()}>
        <label>{t('filterKind')} <select value={kind} onChange={(e) => setKind(e.currentTarget.value as KindFilter)}>
          <option value="all">{t('filterAll')}</option><option value="video">{t('filterVideo')}</option>
          <option value="audio">{t('filterAudio')}</option>
        </select></label>
        <label>{t('state')} <select value={state} onChange={(e) => setState(e.currentTarget.value as StateFilter)}>
          <option value="all">{t('filterAll')}</option><option value="live">{t('filterLive')}</option>
          <option value="ended">{t('filterEnded')}</option>
        </select></label>
        <label><input type="checkbox" checked={isFlaggedOnly}
          onChange={(e) => setFlaggedOnly(e.currentTarget.checked)} /> {t('onlyLeaked')}</label>
      </form>
      <main class="panel-main">
        <section class="panel-tracks" aria-labelledby="tracks-heading">
          <h2 id="tracks-heading">{t('tracksShown', shown.length, all.length)}</h2>
          {!shown.length && <p class="empty">{all.length ? t('noTrackMatches') : t('panelEmpty')}</p>}
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
  useBrowserLanguage();
  const root = document.getElementById('root')!;
  const inspected = inspectedTabId();
  const tabId = inspected === undefined ? await targetTabId() : (inspected as TabId);
  if (tabId === undefined) {
    root.textContent = t('noTab');
    return;
  }
  render(<Panel tabId={tabId} />, root);
}

void main();
