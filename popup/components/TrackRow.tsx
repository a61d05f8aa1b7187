import type { ControlResult, TrackRecord } from '../../src/model';
import type { LeakFlag } from '../../src/leaks';
import { captureKind } from '../../src/capture';
import {
  creatorText, durationText, endedByText, frameOriginText, isPlaying, kindText, outcomeText, playStateText, shortId,
  sinksText,
} from '../../src/format';
import { t } from '../../src/i18n';
import { CopyButton } from './CopyButton';
import { LeakFlags } from './LeakFlags';

export interface TrackRowProps {
  track: TrackRecord;
  now: number;
  result?: ControlResult;
  isBusy: boolean;
  /** Inside a source card the source already names the capture, so the row leads with how the track was made. */
  isInSource: boolean;
  /** Why the track looks leaked, if it does (src/leaks.ts). */
  flags?: readonly LeakFlag[] | undefined;
  onStop?: (track: TrackRecord) => void;
  /** Pauses (`enabled = false`) or resumes the track. */
  onPause?: (track: TrackRecord, isPaused: boolean) => void;
}

/** One track: what it is, how it was made, its state, and a Stop button while it is live. */
export function TrackRow({ track, now, result, isBusy, isInSource, flags, onStop, onPause }: TrackRowProps) {
  const detailsId = `track-${track.frameId}-${track.id}`;
  const isLive = track.readyState === 'live';
  const kind = kindText(captureKind(track));
  const name = track.label || kind;
  return (
    <li class={`track ${isLive ? 'live' : 'ended'}${flags?.length ? ' leaky' : ''}`} data-track-id={track.id}>
      <div class="track-main">
        {isInSource
          ? <span class="label">{creatorText(track)}</span>
          : <span class="label" title={track.label}><span class="kind">{kind}</span> {name}</span>}
        {isLive && onPause && (
          <button type="button" class="pause" aria-describedby={detailsId} disabled={isBusy}
            aria-label={track.enabled ? t('pauseTrackLabel', name) : t('resumeTrackLabel', name)}
            onClick={() => onPause(track, track.enabled)}>{track.enabled ? t('pause') : t('resume')}</button>
        )}
        {isLive && onStop && (
          <button type="button" class="stop" aria-label={t('stopTrackLabel', name)} aria-describedby={detailsId}
            disabled={isBusy} onClick={() => onStop(track)}>{t('stop')}</button>
        )}
      </div>
      <div class="track-details" id={detailsId}>
        {!isInSource && <span>{creatorText(track)}</span>}
        <span class="id" title={track.id}>{t('trackId', shortId(track.id))}</span>
        {isLive
          ? <span>{t('liveFor', durationText(now - track.createdAt))}</span>
          : <span>{t('endedAgo', endedByText(track.endedBy), durationText(now - (track.endedAt ?? now)))}</span>}
        {isLive && <span class={`state${isPlaying(track) ? '' : ' flag'}`}>{playStateText(track)}</span>}
        {track.frameId !== 0
          && <span class="origin" title={t('frameTitle')}>{t('inFrame', frameOriginText(track))}</span>}
      </div>
      {isLive && <div class="sinks">{sinksText(track.sinks)}</div>}
      <LeakFlags flags={flags} />
      {result && <div class={`result ${result.outcome}`}>{resultText(result)}</div>}
      {isLive && <TrackFacts track={track} />}
    </li>
  );
}

/** The last stop, pause or resume of the track, as the page read it back: "Stop: ended", "Pause: paused". */
function resultText(result: ControlResult): string {
  const outcome = outcomeText(result);
  if (result.outcome === 'paused') return t('pauseResult', outcome);
  return result.outcome === 'resumed' ? t('resumeResult', outcome) : t('stopResult', outcome);
}

/** Where a track came from and what it got: for the developer hunting a leak. Page-supplied text, shown as text. */
function TrackFacts({ track }: { track: TrackRecord }) {
  const settings = track.settings && Object.entries(track.settings)
    .map(([k, v]) => `${k}: ${typeof v === 'string' && k.endsWith('Id') ? shortId(v) : v}`).join(', ');
  if (!track.constraints && !settings && !track.stack) return null;
  return (
    <details class="facts">
      <summary>{t('details')}</summary>
      <dl>
        {track.constraints && <><dt>{t('askedFor')}</dt><dd><code>{track.constraints}</code></dd></>}
        {settings && <><dt>{t('got')}</dt><dd><code>{settings}</code></dd></>}
        {track.stack && (
          <>
            <dt>{t('createdAt')}</dt>
            <dd><pre>{track.stack}</pre><CopyButton text={track.stack} label={t('copyStack')} /></dd>
          </>
        )}
      </dl>
    </details>
  );
}
