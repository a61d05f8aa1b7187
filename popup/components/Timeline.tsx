import type { TimelineEvent, TrackRecord } from '../../src/model';
import { trackKey } from '../../src/model';
import { kindText, shortId, timelineText } from '../../src/format';
import { t } from '../../src/i18n';
import { captureKind } from '../../src/capture';

export interface TimelineProps {
  events: readonly TimelineEvent[];
  /** Every record of the tab, live and ended, to name the tracks by. */
  tracks: ReadonlyMap<string, TrackRecord>;
}

const clock = (at: number) => {
  const d = new Date(at);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};

/** What happened to the tab's tracks, newest first: created, attached, detached, muted, unmuted, ended and by whom. */
export function Timeline({ events, tracks }: TimelineProps) {
  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline')}</h2>
      {events.length === 0 && <p class="empty">{t('timelineEmpty')}</p>}
      <ol>
        {/* Newest first by time: a sink's change is stamped when the page saw it, which may precede its report. */}
        {[...events].reverse().sort((a, b) => b.at - a.at).map((event, i) => {
          const track = tracks.get(trackKey(event.frameId, event.trackId));
          return (
            <li key={i} class={`event ${event.what}`} data-track-id={event.trackId}>
              <time dateTime={new Date(event.at).toISOString()}>{clock(event.at)}</time>
              <span class="who">{track ? kindText(captureKind(track)) : t('track')} {shortId(event.trackId)}</span>
              <span class="what">{timelineText(event)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
