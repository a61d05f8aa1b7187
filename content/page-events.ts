/**
 * What the relay hears from its page once the background has heard from the frame: the top document's visibility
 * (for the leak rule on devices held in hidden tabs, src/leaks.ts), and a page restored from the back/forward cache.
 * Page scripts can dispatch both events: only trusted ones count.
 */
import type { Visibility } from '../src/model';
import type { Observe } from './relay-deps';

export interface PageEventDeps {
  window: Window;
  wallClock: () => number;
  observe: Observe;
  /** The visibility changed: it goes with the next report. */
  onVisibilityChange(): void;
  /** The page came back from the back/forward cache, whose port was lost when it was stored. */
  onRestored(): void;
}

export interface PageEvents {
  /** Whether the visibility changed since it was last taken. */
  readonly isVisibilityNew: boolean;
  /** The visibility to send with a report: after a change, and with every first report on a new port. */
  takeVisibility(isNewPort: boolean): Visibility | undefined;
}

export function hearPage(
  { window: win, wallClock, observe, onVisibilityChange, onRestored }: PageEventDeps,
): PageEvents {
  const isTop = win.top === win;
  let visibility: Visibility | undefined;
  let isVisibilityNew = false;
  const isHidden = () => win.document.visibilityState === 'hidden';
  const note = () => {
    // Wall time, not the monotonic clock: the background measures how long the tab has been hidden with its own
    // Date.now() (src/leaks.ts, background/auto-stop.ts).
    visibility = { hidden: isHidden(), since: wallClock() };
    isVisibilityNew = true;
  };
  const onVisibility = (event: Event) => {
    if (!event.isTrusted || isHidden() === visibility?.hidden) return;
    note();
    onVisibilityChange();
  };
  const onPageShow = (event: Event) => {
    if (event.isTrusted && (event as PageTransitionEvent).persisted) onRestored();
  };
  if (isTop) note();
  /**
   * `document.open()` erases the window's listeners and empties the document: an observer of the document's children
   * listens again (adding the same listener is a no-op while it is still there).
   * https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps
   */
  const listen = () => {
    win.addEventListener('pageshow', onPageShow, true);
    if (isTop) win.document.addEventListener('visibilitychange', onVisibility);
  };
  listen();
  observe(win.document, listen);
  return {
    get isVisibilityNew() { return isVisibilityNew; },
    takeVisibility(isNewPort) {
      const taken = visibility && (isNewPort || isVisibilityNew) ? visibility : undefined;
      isVisibilityNew = false;
      return taken;
    },
  };
}
