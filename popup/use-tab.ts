/**
 * What every extension page that shows one tab holds (the popup and the DevTools panel): the tab's view, kept
 * current; the settings; the leak flags, recomputed as time passes; each stop's read-back result; and the report
 * export. One hook, so the two pages cannot come to say different things.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { type ControlResult, type ControlTarget, type HoldKind, type TabId, trackKey } from '../src/model';
import type { TabView } from '../src/state';
import { leaksOf } from '../src/leaks';
import { DEFAULT_SETTINGS } from '../src/settings';
import { outcomesText } from '../src/format';
import { t } from '../src/i18n';
import { exportReport, hold, pause, release, stop, watchSettings, watchTab } from './client';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useTab(tabId: TabId) {
  const [view, setView] = useState<TabView | undefined>();
  const [now, setNow] = useState(Date.now());
  const [results, setResults] = useState<ReadonlyMap<string, ControlResult>>(new Map());
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [exported, setExported] = useState('');

  useEffect(() => watchTab(tabId, setView), [tabId]);
  const [said, setSaid] = useState('');
  useEffect(() => watchSettings((read) => setSettings(read.settings)), []);
  useEffect(() => {
    // Ages tick, and a leak flag that waits out its delay appears without a report.
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const leaks = useMemo(() => leaksOf(view?.live ?? [], view?.hiddenSince, now, settings), [view, now, settings]);

  /**
   * Stops (or stops and holds, pauses, resumes) what `target` covers, and says what came of it, for screen readers
   * too. A hold holds `kinds` if given, else what the stop ends.
   */
  const run = useCallback(async (
    target: ControlTarget, action: 'stop' | 'hold' | 'pause' | 'resume' = 'stop', kinds?: HoldKind[],
  ) => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = action === 'stop' ? await stop(target) : action === 'hold' ? await hold(target, kinds)
        : await pause(target, action === 'pause');
      setResults((old) => {
        const next = new Map(old);
        for (const r of outcome) next.set(trackKey(r.frameId, r.trackId), r);
        return next;
      });
      setSaid(outcomesText(action === 'hold' ? 'stop' : action, outcome));
    } catch (e) {
      const error = messageOf(e);
      setError({ stop: () => t('couldNotStop', error), hold: () => t('couldNotStop', error),
        pause: () => t('couldNotPause', error),
        resume: () => t('couldNotResume', error) }[action]());
    } finally {
      setBusy(false);
      setNow(Date.now());
    }
  }, []);

  const exportNow = useCallback(() => {
    if (!view) return;
    exportReport(view, settings).then((name) => setExported(t('savedFile', name)),
      (e: unknown) => setError(t('couldNotExport', messageOf(e))));
  }, [view, settings]);

  /** Ends the tab's hold. */
  const releaseHold = useCallback(async () => {
    setBusy(true);
    try {
      await release(tabId);
    } catch (e) {
      setError(t('couldNotRelease', messageOf(e)));
    } finally {
      setBusy(false);
    }
  }, [tabId]);

  return { view, now, results, isBusy, error, settings, leaks, exported, said, run, exportNow, releaseHold };
}
