import type { ControlResult, TabId } from '../../src/model';
import { CAPTURE_CLASSES, type CaptureClass } from '../../src/overview';
import type { TabEntry } from '../tab-entry';
import { heldText, outcomesText } from '../../src/format';
import { originOf } from '../../src/origin';
import { t, tp } from '../../src/i18n';

export interface OtherTabsProps {
  /** Every other tab with live tracks. */
  tabs: readonly TabEntry[];
  /** The window of the tab the popup is about, listed first. */
  currentWindow: number | undefined;
  isBusy: boolean;
  /** Each tab's last stop, by tab id. */
  stopped: ReadonlyMap<TabId, ControlResult[]>;
  onStopTab: (tab: TabEntry) => void;
  onRelease: (tab: TabEntry) => void;
  onSwitchTo: (tab: TabEntry) => void;
}

/**
 * Every other tab that captures or is held, grouped by window (the popup's own window first), each with its own Stop
 * (and Release, while held).
 */
export function OtherTabs(
  { tabs, currentWindow, isBusy, stopped, onStopTab, onRelease, onSwitchTo }: OtherTabsProps,
) {
  const windows = [...new Set([currentWindow, ...tabs.map((tab) => tab.meta.windowId)])]
    .filter((w) => tabs.some((tab) => tab.meta.windowId === w));
  const isSeveral = windows.length > 1 || (windows.length === 1 && windows[0] !== currentWindow);
  return (
    <section class="other-tabs" aria-labelledby="other-tabs-heading">
      <h2 id="other-tabs-heading">{t('otherTabs')}</h2>
      {!tabs.length && <p class="empty">{t('noOtherTab')}</p>}
      {windows.map((windowId, i) => (
        <div key={windowId} class="window">
          {isSeveral && (
            <h3 class="window-name">{windowId === currentWindow ? t('thisWindow') : t('windowN', i + 1)}</h3>
          )}
          <ul class="tabs">
            {tabs.filter((tab) => tab.meta.windowId === windowId).map((tab) => (
              <OtherTab key={tab.tabId} tab={tab} isBusy={isBusy} stopped={stopped.get(tab.tabId)}
                onStop={() => onStopTab(tab)} onRelease={() => onRelease(tab)} onSwitch={() => onSwitchTo(tab)} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

interface OtherTabProps {
  tab: TabEntry;
  isBusy: boolean;
  stopped: ControlResult[] | undefined;
  onStop: () => void;
  onRelease: () => void;
  onSwitch: () => void;
}

/** A tab's site: its address's origin, or the address itself if it has none (about:blank). */
const siteOf = (url: string) => originOf(url) ?? url;

const HOLDS: Record<CaptureClass, (n: number) => string> = {
  camera: (n) => tp('holdsCamera', n),
  microphone: (n) => tp('holdsMicrophone', n),
  screen: (n) => tp('holdsScreen', n),
  other: (n) => tp('holdsOther', n),
};

function OtherTab({ tab, isBusy, stopped, onStop, onRelease, onSwitch }: OtherTabProps) {
  const title = tab.meta.title || tab.meta.url || t('tabN', tab.tabId);
  const holds = CAPTURE_CLASSES.filter((c) => tab.captures[c]).map((c) => HOLDS[c](tab.captures[c])).join(' · ');
  return (
    <li class="other-tab" data-tab-id={tab.tabId}>
      <TabIcon meta={tab.meta} />
      <div class="other-tab-text">
        <button type="button" class="link tab-title" title={t('switchTo', title)} onClick={onSwitch}>{title}</button>
        <span class="origin">{siteOf(tab.meta.url)}</span>
        <span class="holds">{holds}</span>
        {tab.paused > 0 && <span class="flag">{tp('pausedCount', tab.paused)}</span>}
        {tab.leaks > 0 && <span class="leak-count">{tp('lookLeaked', tab.leaks)}</span>}
        {tab.held && (
          <span class="held-flag">
            {heldText(tab.held, tab.refused ?? 0)}
          </span>
        )}
        {stopped && <span class="result">{outcomesText('stop', stopped)}</span>}
      </div>
      <span class="other-tab-buttons">
        {tab.held && (
          <button type="button" class="release" disabled={isBusy} aria-label={t('releaseTabLabel', title)}
            onClick={onRelease}>{t('release')}</button>
        )}
        {tab.live > 0 && (
          <button type="button" class="stop" disabled={isBusy} onClick={onStop}>
            {t('stopEverything')}{' '}<span class="visually-hidden">{t('inTabSuffix', title)}</span>
          </button>
        )}
      </span>
    </li>
  );
}

/**
 * The tab's icon where the browser gives it as data (no request leaves the extension for it), else the first letter
 * of its site, which is also all a screen reader needs: it is decorative beside the title.
 */
function TabIcon({ meta }: { meta: TabEntry['meta'] }) {
  if (meta.favIconUrl?.startsWith('data:image/')) return <img class="tab-icon" src={meta.favIconUrl} alt="" />;
  const letter = siteOf(meta.url).replace(/^[a-z]+:\/\/(www\.)?/, '').charAt(0).toUpperCase() || '?';
  return <span class="tab-icon letter" aria-hidden="true">{letter}</span>;
}
