import type { ControlResult } from '../../src/model';
import { trackKey } from '../../src/model';
import type { TabView } from '../../src/state';
import { dropsText } from '../../src/format';
import { t } from '../../src/i18n';
import { TrackRow } from './TrackRow';

export interface RecentlyEndedProps {
  view: TabView;
  now: number;
  results: ReadonlyMap<string, ControlResult>;
  onExport: () => void;
}

/** The tab's recently ended tracks, who ended each, what was dropped, and the report of it all. */
export function RecentlyEnded({ view, now, results, onExport }: RecentlyEndedProps) {
  return (
    <>
      {view.ended.length > 0 && (
        <section class="ended" aria-labelledby="ended-heading">
          <h2 id="ended-heading">{t('recentlyEnded')}</h2>
          <ul class="tracks">
            {view.ended.map((track) => (
              <TrackRow key={`${track.frameId}/${track.id}`} track={track} now={now}
                result={results.get(trackKey(track.frameId, track.id))} isBusy={false} isInSource={false} />
            ))}
          </ul>
        </section>
      )}
      {dropsText(view.dropped) && <p class="dropped">{dropsText(view.dropped)}</p>}
      <div class="actions">
        <button type="button" class="quiet" onClick={onExport}
          disabled={!view.live.length && !view.ended.length}>{t('exportReport')}</button>
      </div>
    </>
  );
}
