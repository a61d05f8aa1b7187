import type { Source, ControlResult, TrackRecord } from '../../src/model';
import { trackKey } from '../../src/model';
import { kindText } from '../../src/format';
import { holdKindOf } from '../../src/capture';
import { TRACKS_SHOWN } from '../../src/sources';
import { t, tp } from '../../src/i18n';
import type { TabLeaks } from '../../src/leaks';
import { useState } from 'preact/hooks';
import { TrackRow } from './TrackRow';

export interface SourceCardProps {
  source: Source;
  now: number;
  results: ReadonlyMap<string, ControlResult>;
  isBusy: boolean;
  leaks: TabLeaks;
  onStopSource: (source: Source) => void;
  /** Absent where a source cannot be held (the DevTools panel keeps to stops). */
  onHoldSource?: ((source: Source) => void) | undefined;
  onStopTrack: (track: TrackRecord) => void;
  onPauseSource: (source: Source, isPaused: boolean) => void;
  onPauseTrack: (track: TrackRecord, isPaused: boolean) => void;
}

/** One capture and the live tracks that hold it; the capture is released only when all of them stop. */
export function SourceCard(
  { source, now, results, isBusy, leaks, onStopSource, onHoldSource, onStopTrack, onPauseSource, onPauseTrack }:
    SourceCardProps,
) {
  // Only a camera, a microphone or a screen can be held: those are what a page asks the browser for again.
  const isHoldable = !!onHoldSource && source.tracks.some((track) => holdKindOf(track));
  const headingId = `source-${source.key}`;
  // A source without a label (a canvas, a generator) is named by its kind.
  const name = source.label || kindText(source.kind);
  // Pausing a source pauses what still plays; once nothing plays, the same button resumes them all.
  const isAnyPlaying = source.tracks.some((track) => track.readyState === 'live' && track.enabled);
  const isFlagged = (track: TrackRecord) => leaks.byTrack.has(trackKey(track.frameId, track.id));
  const flagged = source.tracks.filter(isFlagged).length;
  const [isAllShown, setAllShown] = useState(false);
  const ordered = flagged ? [...source.tracks.filter(isFlagged), ...source.tracks.filter((x) => !isFlagged(x))]
    : source.tracks;
  // Tracks that look leaked come first, so what needs attention is never among the folded ones.
  const shown = isAllShown ? ordered : ordered.slice(0, TRACKS_SHOWN);
  return (
    <section class="source" aria-labelledby={headingId}>
      <header class="source-header">
        <h3 id={headingId} title={name}>
          <span class="kind">{kindText(source.kind)}</span> {name}
        </h3>
        <span class="count">{tp('liveTracks', source.liveCount)}</span>
        {flagged > 0 && <span class="leak-count">{tp('lookLeaked', flagged)}</span>}
        <span class={isHoldable ? 'buttons three' : 'buttons'}>
          <button type="button" class="pause" disabled={isBusy} onClick={() => onPauseSource(source, isAnyPlaying)}
            aria-label={isAnyPlaying ? t('pauseSourceLabel', name) : t('resumeSourceLabel', name)}>
            {isAnyPlaying ? t('pause') : t('resume')}
          </button>
          <button type="button" class="stop" aria-label={t('stopSourceLabel', name)} disabled={isBusy}
            onClick={() => onStopSource(source)}>{t('stopSource')}</button>
          {isHoldable && (
            <button type="button" class="stop hold" aria-label={t('stopAndHoldSourceLabel', name)} disabled={isBusy}
              onClick={() => onHoldSource!(source)}>{t('stopAndHold')}</button>
          )}
        </span>
      </header>
      <ul class="tracks">
        {shown.map((track) => (
          <TrackRow key={track.id} track={track} now={now} result={results.get(trackKey(track.frameId, track.id))}
            isBusy={isBusy} isInSource flags={leaks.byTrack.get(trackKey(track.frameId, track.id))}
            onStop={onStopTrack} onPause={onPauseTrack} />
        ))}
      </ul>
      {shown.length < ordered.length && (
        <button type="button" class="quiet show-all" onClick={() => setAllShown(true)}>
          {tp('showAllTracks', ordered.length)}
        </button>
      )}
    </section>
  );
}
