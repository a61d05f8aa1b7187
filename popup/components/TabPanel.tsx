import type { Source, StopResult, TrackRecord } from '../../src/model';
import type { TabView } from '../../src/protocol';
import { type BrowserCapture, sourcesOf, unseenCaptures } from '../../src/sources';
import { plural } from '../../src/format';
import type { TabLeaks } from '../../src/leaks';
import { SourceCard } from './SourceCard';

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
  onPauseTab: (isPaused: boolean) => void;
  onPauseSource: (source: Source, isPaused: boolean) => void;
  onPauseTrack: (track: TrackRecord, isPaused: boolean) => void;
}

/** What one tab holds now: its live sources and their tracks, with Pause and Stop for the tab, sources and tracks. */
export function TabPanel(props: TabPanelProps) {
  const { view, now, results, isBusy, leaks, browserCapture, onStopTab, onPauseTab } = props;
  const sources = sourcesOf(view.live);
  const isAnyPlaying = view.live.some((t) => t.enabled);
  const unseen = unseenCaptures(browserCapture, view.live);
  return (
    <section class="this-tab" aria-labelledby="this-tab-heading">
      <h2 id="this-tab-heading">This tab</h2>
      <div class="summary">
        <p aria-live="polite">
          {view.live.length
            ? `${plural(view.live.length, 'live track')} from ${plural(sources.length, 'source')}`
              + (leaks.count ? `; ${leaks.count} ${leaks.count === 1 ? 'looks' : 'look'} leaked` : '')
            : unseen.length ? 'In use by something Trackstop cannot see.' : 'Nothing is capturing in this tab.'}
        </p>
        {view.live.length > 0 && (
          <button type="button" class="pause" disabled={isBusy} onClick={() => onPauseTab(isAnyPlaying)}>
            {isAnyPlaying ? 'Pause everything' : 'Resume everything'}<span class="visually-hidden"> in this tab</span>
          </button>
        )}
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
          onStopSource={props.onStopSource} onStopTrack={props.onStopTrack} onPauseSource={props.onPauseSource}
          onPauseTrack={props.onPauseTrack} />
      ))}
    </section>
  );
}
