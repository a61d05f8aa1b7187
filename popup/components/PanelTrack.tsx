import type { StopResult, TrackRecord } from '../../src/model';
import type { LeakFlag } from '../../src/leaks';
import { creatorText, durationText, endedByText, outcomeText, sinksText } from '../../src/format';
import { captureKind } from '../../src/sources';
import { sourceKeyOf } from '../../src/state';
import { LeakFlags } from './LeakFlags';
import { StackList } from './StackList';

export interface PanelTrackProps {
  track: TrackRecord;
  now: number;
  flags: readonly LeakFlag[] | undefined;
  result: StopResult | undefined;
  isBusy: boolean;
  onStop: (track: TrackRecord) => void;
  /** Stops every live track of the track's source. */
  onStopSource: (track: TrackRecord) => void;
  onOpenSource?: ((url: string, line: number, column: number) => void) | undefined;
}

const settingsText = (track: TrackRecord) => Object.entries(track.settings ?? {}).map(([k, v]) => `${k}: ${v}`)
  .join(', ');

/** One track in full, for the DevTools panel: everything the popup's row says, and its source, stack and settings. */
export function PanelTrack(
  { track, now, flags, result, isBusy, onStop, onStopSource, onOpenSource }: PanelTrackProps,
) {
  const isLive = track.readyState === 'live';
  const name = track.label || captureKind(track);
  const headingId = `panel-track-${track.frameId}-${track.id}`;
  return (
    <article class={`panel-track ${isLive ? 'live' : 'ended'}${flags?.length ? ' leaky' : ''}`}
      data-track-id={track.id} aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}><span class="kind">{captureKind(track)}</span> {name}</h3>
        {isLive && <>
          <button type="button" class="stop" aria-label={`Stop ${name}`} disabled={isBusy}
            onClick={() => onStop(track)}>Stop</button>
          <button type="button" class="quiet" aria-label={`Stop source of ${name}`} disabled={isBusy}
            onClick={() => onStopSource(track)}>Stop source</button>
        </>}
      </header>
      <LeakFlags flags={flags} />
      {result && <div class={`result ${result.outcome}`} role="status">Stop: {outcomeText(result)}</div>}
      <dl>
        <dt>State</dt>
        <dd>{isLive ? `live for ${durationText(now - track.createdAt)}`
          : `ended ${endedByText(track.endedBy)}`}{track.muted ? ', muted' : ''}{track.enabled ? '' : ', disabled'}</dd>
        <dt>Made by</dt><dd>{creatorText(track)}</dd>
        <dt>Id</dt><dd><code>{track.id}</code></dd>
        <dt>Source</dt><dd><code>{sourceKeyOf(track)}</code></dd>
        {isLive && <><dt>Feeds</dt><dd class="sinks">{sinksText(track.sinks)}</dd></>}
        <dt>Frame</dt><dd>{track.frameId === 0 ? 'top' : `frame ${track.frameId}`}, {track.origin}</dd>
        {track.constraints && <><dt>Asked for</dt><dd><code>{track.constraints}</code></dd></>}
        {track.settings && <><dt>Got</dt><dd><code>{settingsText(track)}</code></dd></>}
        {track.stack && <><dt>Created at</dt><dd><StackList stack={track.stack} onOpen={onOpenSource} /></dd></>}
      </dl>
    </article>
  );
}
