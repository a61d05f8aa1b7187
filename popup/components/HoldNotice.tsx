import { type TabView, refusedCount } from '../../src/state';
import type { HoldKind } from '../../src/model';
import { durationText, heldText, kindText } from '../../src/format';
import { t } from '../../src/i18n';

export interface HoldNoticeProps {
  view: TabView;
  isBusy: boolean;
  onRelease: () => void;
  onHold: (kinds: HoldKind[]) => void;
}

/**
 * What a hold does in this tab ("Held: camera — 3 requests refused", with Release), or, without one, that the page
 * took a device back soon after Trackstop stopped it, with the hold on offer.
 */
export function HoldNotice({ view, isBusy, onRelease, onHold }: HoldNoticeProps) {
  const { hold, retake } = view;
  if (hold) {
    return (
      <div class="held" role="status">
        <p>
          <strong>{heldText(hold.kinds, refusedCount(hold))}</strong>
          <br />
          <span class="hint">{t('heldExplained', hold.site)}</span>
        </p>
        <button type="button" class="release" disabled={isBusy} aria-label={t('releaseLabel')} onClick={onRelease}>
          {t('release')}
        </button>
      </div>
    );
  }
  if (!retake) return null;
  const kind = kindText(retake.kind);
  return (
    <div class="retake" role="alert">
      <p>{t('retakeSaid', kind, durationText(Math.max(1000, retake.afterMs)))}</p>
      <button type="button" class="stop hold" disabled={isBusy} aria-label={t('stopAndHoldKindLabel', kind)}
        onClick={() => onHold([retake.kind])}>
        {t('stopAndHold')}
      </button>
    </div>
  );
}
