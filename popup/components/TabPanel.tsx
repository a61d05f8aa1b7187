import type { Source, StopResult, TrackRecord } from '../../src/model';
import { trackKey } from '../../src/model';
import type { TabView } from '../../src/protocol';
import { type BrowserCapture, sourcesOf, unseenCaptures } from '../../src/sources';
import { dropsText, plural } from '../../src/format';
import type { TabLeaks } from '../../src/leaks';
import { SourceCard } from './SourceCard';
import { TrackRow } from './TrackRow';

export interface TabPanelProps {
  view: TabView;
  now: number;
  results: ReadonlyMap<string, StopResult>;
  isBusy: boolean;
  leaks: TabLeaks;
  /** What the browser says the tab captures, where it says (Firefox). */
  browserCapture?: BrowserCapture | undefined;
  onStopTab: () => void;
  onStopSource: (source: Source) => void;
  onStopTrack: (track: TrackRecord) => void;
  onExport: () => void;
}

/** Everything Trackstop knows about one tab: live sources, then recently ended tracks. */
export function TabPanel(
  { view, now, results, isBusy, leaks, browserCapture, onStopTab, onStopSource, onStopTrack, onExport }: TabPanelProps,
) {
  const sources = sourcesOf(view.live);
  const unseen = unseenCaptures(browserCapture, view.live);
  return (
    <main>
      <div class="summary">
        <p aria-live="polite">
          {view.live.length
            ? `${plural(view.live.length, 'live track')} from ${plural(sources.length, 'source')}`
              + (leaks.count ? `; ${leaks.count} ${leaks.count === 1 ? 'looks' : 'look'} leaked` : '')
            : unseen.length ? 'In use by something Trackstop cannot see.' : 'Nothing is capturing in this tab.'}
        </p>
        <button type="button" class="stop stop-all" disabled={isBusy || !view.live.length} onClick={onStopTab}>
          Stop everything in this tab
        </button>
      </div>
      {unseen.length > 0 && (
        <p class="unseen" role="status">
          The browser says this tab is using the {unseen.join(' and ')}, but Trackstop sees no such track: it is in use
          by something Trackstop cannot see, such as a capture started before Trackstop was installed. Closing or
          reloading the tab ends it.
        </p>
      )}
      {!view.live.length && !unseen.length && (
        <p class="empty">
          When this page uses a camera, microphone or screen capture, each track appears here, grouped by the device
          or surface it holds.
        </p>
      )}
      {sources.map((source) => (
        <SourceCard key={source.key} source={source} now={now} results={results} isBusy={isBusy} leaks={leaks}
          onStopSource={onStopSource} onStopTrack={onStopTrack} />
      ))}
      {view.ended.length > 0 && (
        <section class="ended" aria-labelledby="ended-heading">
          <h2 id="ended-heading">Recently ended</h2>
          <ul class="tracks">
            {view.ended.map((track) => (
              <TrackRow key={`${track.frameId}/${track.id}`} track={track} now={now}
                result={results.get(trackKey(track.frameId, track.id))} isBusy={isBusy} isInSource={false} />
            ))}
          </ul>
        </section>
      )}
      {dropsText(view.dropped) && <p class="dropped">{dropsText(view.dropped)}</p>}
      <footer class="actions">
        <button type="button" class="quiet" onClick={onExport}
          disabled={!view.live.length && !view.ended.length}>Export report</button>
      </footer>
    </main>
  );
}
