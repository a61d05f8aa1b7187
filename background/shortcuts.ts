/**
 * The keyboard shortcuts (`commands` in the manifest): stop everything in the current tab, or everywhere. Each stop
 * is read back in its pages like any other, then confirmed with a check mark in the badge of every tab it covered
 * and, if the person turned it on, a notification.
 */
import type { ControlResult, ControlTarget, TabId } from '../src/model';
import { t, tp } from '../src/i18n';

export const SHORTCUTS = ['stop-tab', 'stop-everywhere'] as const;

export interface ShortcutDeps {
  activeTabId(): Promise<TabId | undefined>;
  stop(target: ControlTarget): Promise<ControlResult[]>;
  confirm(tabIds: readonly TabId[], text: string, title: string): void;
  notify(title: string, message: string): Promise<void>;
}

const CHECK = '\u2713';

export function createShortcuts({ activeTabId, stop, confirm, notify }: ShortcutDeps) {
  return {
    async run(name: string, tabId: number | undefined): Promise<void> {
      if (!(SHORTCUTS as readonly string[]).includes(name)) return;
      const current = (tabId as TabId | undefined) ?? await activeTabId();
      const isEverywhere = name === 'stop-everywhere';
      if (!isEverywhere && current === undefined) return;
      const results = await stop(isEverywhere ? { scope: 'all' } : { scope: 'tab', tabId: current! });
      const ended = results.filter((r) => r.outcome === 'ended');
      const stoppedIn = new Set(ended.map((r) => r.tabId));
      const tracks = tp('stoppedTracks', ended.length);
      const said = !ended.length ? t('nothingWasCapturing')
        : isEverywhere ? t('stoppedTracksInTabs', tracks, tp('tabs', stoppedIn.size)) : tracks;
      const tabs = new Set([...results.map((r) => r.tabId), ...current === undefined ? [] : [current]]);
      confirm([...tabs], CHECK, t('badgeTitleSaid', said));
      await notify(t('extensionName'), said).catch(() => {});
    },
  };
}
