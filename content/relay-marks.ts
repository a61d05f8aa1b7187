/**
 * What the relays of one page share, on their own global in the isolated world (content/shim-link.ts): the line of
 * the page's root shim, and the hosted lines by window. Chromium shares an isolated world's globals between the
 * same-origin frames of a page; Firefox keeps each frame's apart, and there each frame finds only its own.
 */
import { LINE_JOIN } from '../src/page-world';

/**
 * Where each relay keeps the line of its page's root shim, and the page's hosted lines by window, on its own global in
 * this isolated world, which the page never sees and frames of the same origin share (Chromium).
 */
const ROOT_MARK = 'trackstop-relay:root';
const HOSTS_MARK = 'trackstop-relay:hosts';
export type Claim = () => EventTarget | undefined;
export type Hosts = Map<Window, Claim>;
type Marked = Record<string, unknown>;

/** What a same-origin window's relay keeps under `mark`, or undefined for another origin's window or none. */
function markOf<T>(other: Window | null | undefined, mark: string): T | undefined {
  try {
    return other ? (other as unknown as Marked)[mark] as T | undefined : undefined;
  } catch {
    return undefined; // another origin
  }
}

/**
 * Introduces this frame's shim to the root's, so that both share one registry of wrappers (LINE_JOIN in
 * src/page-world.ts). The root is the parent's root if the parent is of the same origin, else this frame's own shim.
 * Firefox keeps each frame's content-script globals apart: there every frame is its own root.
 */
export function joinRoot(win: Window, line: EventTarget): void {
  const root = win.parent !== win ? markOf<EventTarget>(win.parent, ROOT_MARK) : undefined;
  root?.dispatchEvent(new FocusEvent(LINE_JOIN, { relatedTarget: line }));
  (win as unknown as Marked)[ROOT_MARK] = root ?? line;
}

/** The page's hosted lines: the root's map where this world is shared with the parent, else this frame's own. */
export function hostsOf(win: Window): Hosts {
  const hosts = (win.parent !== win ? markOf<Hosts>(win.parent, HOSTS_MARK) : undefined) ?? new Map<Window, Claim>();
  (win as unknown as Marked)[HOSTS_MARK] = hosts;
  return hosts;
}

/** The line a guardian's relay hosts for this window, taken from it; in the parent's page or the opener's. */
export function claimOwnLine(win: Window, hosts: Hosts): EventTarget | undefined {
  const claim = hosts.get(win) ?? markOf<Hosts>(win.opener as Window | null, HOSTS_MARK)?.get(win);
  return claim?.();
}
