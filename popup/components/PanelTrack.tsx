import type { ControlResult, TrackRecord } from '../../src/model';
import type { LeakFlag } from '../../src/leaks';
import {
  creatorText, durationText, endedByText, kindText, outcomeText, playStateText, sinksText, frameOriginText,
} from '../../src/format';
import { t } from '../../src/i18n';
import { captureKind } from '../../src/capture';
import { sourceKeyOf } from '../../src/model';
import { LeakFlags } from './LeakFlags';
import { StackList } from './StackList';

export interface PanelTrackProps {
  track: TrackRecord;
  now: number;
  flags: readonly LeakFlag[] | undefined;
  result: ControlResult | undefined;
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
  const kind = kindText(captureKind(track));
  const name = track.label || kind;
  const headingId = `panel-track-${track.frameId}-${track.id}`;
  return (
    <article class={`panel-track ${isLive ? 'live' : 'ended'}${flags?.length ? ' leaky' : ''}`}
      data-track-id={track.id} aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}><span class="kind">{kind}</span> {name}</h3>
        {isLive && <>
          <button type="button" class="stop" aria-label={t('stopTrackLabel', name)} disabled={isBusy}
            onClick={() => onStop(track)}>{t('stop')}</button>
          <button type="button" class="quiet" aria-label={t('stopSourceOfLabel', name)} disabled={isBusy}
            onClick={() => onStopSource(track)}>{t('stopSource')}</button>
        </>}
      </header>
      <LeakFlags flags={flags} />
      {result && <div class={`result ${result.outcome}`} role="status">{t('stopResult', outcomeText(result))}</div>}
      <dl>
        <dt>{t('state')}</dt>
        <dd>{isLive ? `${t('liveFor', durationText(now - track.createdAt))}, ${playStateText(track)}`
          : t('endedHow', endedByText(track.endedBy))}</dd>
        <dt>{t('madeBy')}</dt><dd>{creatorText(track)}</dd>
        <dt>{t('id')}</dt><dd><code>{track.id}</code></dd>
        <dt>{t('source')}</dt><dd><code>{sourceKeyOf(track)}</code></dd>
        {isLive && <><dt>{t('feeds')}</dt><dd class="sinks">{sinksText(track.sinks)}</dd></>}
        <dt>{t('frame')}</dt>
        <dd>{track.frameId === 0 ? t('topFrame', frameOriginText(track))
          : t('frameN', track.frameId, frameOriginText(track))}</dd>
        {track.constraints && <><dt>{t('askedFor')}</dt><dd><code>{track.constraints}</code></dd></>}
        {track.settings && <><dt>{t('got')}</dt><dd><code>{settingsText(track)}</code></dd></>}
        {track.stack && <><dt>{t('createdAt')}</dt><dd><StackList stack={track.stack} onOpen={onOpenSource} /></dd></>}
      </dl>
    </article>
  );
}
