import type { Source, ControlResult, HoldKind, TrackRecord } from '../../src/model';
import { holdKindOf } from '../../src/capture';
import { HoldNotice } from './HoldNotice';
import type { TabView } from '../../src/state';
import { type BrowserCapture, sourcesOf, unseenCaptures } from '../../src/sources';
import { kindText, withLeaks } from '../../src/format';
import { listText, t, tp } from '../../src/i18n';
import type { TabLeaks } from '../../src/leaks';
import { SourceCard } from './SourceCard';

export interface TabPanelProps {
  view: TabView;
  now: number;
  results: ReadonlyMap<string, ControlResult>;
  isBusy: boolean;
  leaks: TabLeaks;
  /** What the browser says the tab captures, where it says (Firefox). */
  browserCapture?: BrowserCapture | undefined;
  onStopTab: () => void;
  onHoldTab: (kinds?: HoldKind[]) => void;
  onRelease: () => void;
  onStopSource: (source: Source) => void;
  onHoldSource: (source: Source) => void;
  onStopTrack: (track: TrackRecord) => void;
  onPauseTab: (isPaused: boolean) => void;
  onPauseSource: (source: Source, isPaused: boolean) => void;
  onPauseTrack: (track: TrackRecord, isPaused: boolean) => void;
}

/** What one tab holds now: its live sources and their tracks, with Pause and Stop for the tab, sources and tracks. */
export function TabPanel(props: TabPanelProps) {
  const { view, now, results, isBusy, leaks, browserCapture, onStopTab, onHoldTab, onPauseTab } = props;
  const isAnyHoldable = view.live.some((track) => holdKindOf(track));
  const sources = sourcesOf(view.live);
  const isAnyPlaying = view.live.some((track) => track.enabled);
  const unseen = unseenCaptures(browserCapture, view.live);
  return (
    <section class="this-tab" aria-labelledby="this-tab-heading">
      <h2 id="this-tab-heading">{t('thisTab')}</h2>
      <div class="summary">
        <p aria-live="polite">
          {view.live.length
            ? withLeaks(t('tracksFromSources', tp('liveTracks', view.live.length), tp('sources', sources.length)),
              leaks.count)
            : unseen.length ? t('inUseUnseen') : t('nothingCapturingHere')}
        </p>
        {view.live.length > 0 && (
          <button type="button" class="pause" disabled={isBusy} onClick={() => onPauseTab(isAnyPlaying)}>
            {isAnyPlaying ? t('pauseEverything') : t('resumeEverything')}{' '}
            <span class="visually-hidden">{t('inThisTabSuffix')}</span>
          </button>
        )}
        <button type="button" class="stop stop-all" disabled={isBusy || !view.live.length} onClick={onStopTab}>
          {t('stopEverythingInThisTab')}
        </button>
        {isAnyHoldable && (
          <button type="button" class="stop hold" disabled={isBusy} aria-label={t('stopAndHoldTabLabel')}
            onClick={() => onHoldTab()}>
            {t('stopAndHold')}
          </button>
        )}
      </div>
      <HoldNotice view={view} isBusy={isBusy} onRelease={props.onRelease} onHold={(kinds) => onHoldTab(kinds)} />
      {unseen.length > 0 && (
        <p class="unseen" role="status">
          {t('unseenCaptures', listText(unseen.map(kindText)))}
        </p>
      )}
      {!view.live.length && !unseen.length && (
        <p class="empty">
          {t('emptyHint')}
        </p>
      )}
      {sources.map((source) => (
        <SourceCard key={source.key} source={source} now={now} results={results} isBusy={isBusy} leaks={leaks}
          onStopSource={props.onStopSource} onHoldSource={props.onHoldSource} onStopTrack={props.onStopTrack}
          onPauseSource={props.onPauseSource}
          onPauseTrack={props.onPauseTrack} />
      ))}
    </section>
  );
}
