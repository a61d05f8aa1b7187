import type { Source, StopResult, TrackRecord } from '../../src/model';
import { trackKey } from '../../src/model';
import type { TabView } from '../../src/protocol';
import { sourcesOf } from '../../src/sources';
import { plural } from '../../src/format';
import { SourceCard } from './SourceCard';
import { TrackRow } from './TrackRow';

export interface TabPanelProps {
  view: TabView;
  now: number;
  results: ReadonlyMap<string, StopResult>;
  isBusy: boolean;
  onStopTab: () => void;
  onStopSource: (source: Source) => void;
  onStopTrack: (track: TrackRecord) => void;
}

/** Everything Trackstop knows about one tab: live sources, then recently ended tracks. */
export function TabPanel({ view, now, results, isBusy, onStopTab, onStopSource, onStopTrack }: TabPanelProps) {
  const sources = sourcesOf(view.live);
  return (
    <main>
      <div class="summary">
        <p aria-live="polite">
          {view.live.length
            ? `${plural(view.live.length, 'live track')} from ${plural(sources.length, 'source')}`
            : 'Nothing is capturing in this tab.'}
        </p>
        <button type="button" class="stop stop-all" disabled={isBusy || !view.live.length} onClick={onStopTab}>
          Stop everything in this tab
        </button>
      </div>
      {!view.live.length && (
        <p class="empty">
          When this page uses a camera, microphone or screen capture, each track appears here, grouped by the device
          or surface it holds.
        </p>
      )}
      {sources.map((source) => (
        <SourceCard key={source.key} source={source} now={now} results={results} isBusy={isBusy}
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
      {view.dropped > 0 && (
        <p class="dropped">{plural(view.dropped, 'message')} from this page dropped as malformed or over a limit.</p>
      )}
    </main>
  );
}
