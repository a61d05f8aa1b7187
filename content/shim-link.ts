/**
 * The relay's end of the private channel to the shim (the shim's end is content/page/channel.ts). It holds the line
 * of this frame's shim, and the lines of the shims that shim started for realms its page reached before any shim of
 * theirs ran (hosted lines: content/page/guard.ts). At startup it adds at most one listener to the window and touches
 * nothing else: reaching the document from this world would cost every frame a tenth of a millisecond. A relay that
 * comes after an extension update knocks at the shim's door.
 *
 * Where the line comes from, and why nothing else is believed (the threat model: content/page/guard.ts):
 * - A realm a guardian shim instrumented: from the guardian's relay, which hosts the line and which this relay finds
 *   through this world's own globals (Chromium shares them between same-origin frames; Firefox keeps each frame's
 *   apart, so there the guardian's relay keeps hosting it). Its announcement is never awaited: the page reached this
 *   window before this document started, so anything on the window may be the page's.
 * - Otherwise the shim's one bootstrap announcement, heard during the shim's first instant. Chromium runs the shim
 *   right after this script; the first announcement is the shim's, and the relay stops hearing there. Firefox
 *   runs no microtask between the two scripts: there the relay also stops hearing at its first microtask, so that a
 *   page script can never be the one announcing, even where the shim stood down.
 * - Injected into an open page after an update: never an announcement (a page script could make one); the door only.
 */
import type { Message } from '../src/messages';
import {
  BOOTSTRAP_EVENT, type ChannelNames, GUARD_SLOT, LINE_HOST, LINE_HOST_WINDOW, LINE_TO_RELAY, LINE_TO_SHIM,
  PREFIX, type ShimApi,
} from '../src/page-world';
import { claimOwnLine, hostsOf, joinRoot } from './relay-marks';

export interface ShimLink {
  /** Whether the relay holds the line to this frame's shim. */
  readonly isLinked: boolean;
  /**
   * Opens the shim's door under names picked now, for a relay after an update (the background keeps them), once.
   * The names, or undefined without a line.
   */
  openDoor(): ChannelNames | undefined;
  /** Knocks at a door whose names came from the background, and takes the line the shim hands over, if it does. */
  adopt(names: ChannelNames): void;
  /** Stops waiting for an announcement: one that comes late could be a page script's. */
  stopHearingBootstrap(): void;
  /**
   * Sends a command to this frame's shim and every hosted one; each answers at once, inside this call. False if there
   * is no line at all.
   */
  send(command: Message<ShimApi>): boolean;
  /**
   * Sends a standing command (the document's hold) to every shim the link holds, and to every one it comes to hold
   * later (this frame's, if its line comes after; a realm a guardian instruments later).
   */
  hold(command: Message<ShimApi>): void;
}

/** A message on a line: the detail as it came, for the caller to validate. */
export type OnShimMessage = (detail: unknown) => void;

export interface LinkOptions {
  /** Whether this relay came into an open page (after an update) rather than at document_start. */
  wasInjected: boolean;
  /** A hosted line was claimed by its own frame's relay: this frame's record must drop its tracks. */
  onHostedLost(): void;
}

/** At most this many hosted lines per frame: each costs listeners, and a page could make frames without end. */
const MAX_HOSTED = 256;

const detailOf = (event: Event): unknown => (event as CustomEvent<unknown>).detail;
/**
 * The line a hand-over event carries, if it carries one: the shim's own events are not trusted events either. A
 * FocusEvent's `relatedTarget` is an EventTarget or null (its constructor admits nothing else): nothing to check.
 */
const targetOf = (event: Event): EventTarget | undefined => (event as FocusEvent).relatedTarget ?? undefined;

/**
 * Whether a guardian shim instrumented this window's realm (GUARD_SLOT): readable from here in Firefox only, where a
 * content script sees the page's own objects through `wrappedJSObject`; Chromium keeps worlds apart, and finds the
 * hosted line instead. Non-configurable, so a page cannot have made it up after the guardian, nor removed it.
 */
function isGuardedRealm(win: Window): boolean {
  const pageView = (win as unknown as { wrappedJSObject?: object }).wrappedJSObject;
  const slot = pageView && Object.getOwnPropertyDescriptor(pageView, GUARD_SLOT);
  return !!slot && !slot.configurable;
}

/**
 * Whether this frame runs no page script (`sandbox` without `allow-scripts`), and so no shim: no announcement can be
 * the shim's. Only a same-origin parent shows the frame element; another origin's frame is out of its page's reach.
 */
function isScriptless(win: Window): boolean {
  const sandbox = win.frameElement?.getAttribute('sandbox');
  return typeof sandbox === 'string' && !sandbox.split(/\s+/).some((token) => token.toLowerCase() === 'allow-scripts');
}

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(4)); // data: frames lack crypto.randomUUID
  return `${PREFIX}:${Array.from(bytes, (n) => n.toString(36)).join('')}`;
}

export function linkToShim(win: Window, onMessage: OnShimMessage, options: LinkOptions): ShimLink {
  let line: EventTarget | undefined;
  let door: ChannelNames | undefined;
  let standing: Message<ShimApi> | undefined;
  const hosted: EventTarget[] = [];
  const hosts = hostsOf(win);
  const onLine = (event: Event) => onMessage(detailOf(event));

  /** Listens on a line a shim handed over: its reports, and the realms it hosts. Returns how to stop listening. */
  const hear = (held: EventTarget) => {
    let hostedView: Window | undefined;
    const onHostWindow = (event: Event) => {
      hostedView = (event as FocusEvent).relatedTarget as Window | null ?? undefined;
    };
    // A hosted shim's line is made in its own realm, another frame's: `instanceof` this world's EventTarget says no.
    const onHost = (event: Event) => {
      const other = (event as FocusEvent).relatedTarget ?? undefined;
      if (other && hostedView && hosted.length < MAX_HOSTED) host(hostedView, other);
      hostedView = undefined;
    };
    held.addEventListener(LINE_TO_RELAY, onLine);
    held.addEventListener(LINE_HOST_WINDOW, onHostWindow);
    held.addEventListener(LINE_HOST, onHost);
    return () => {
      held.removeEventListener(LINE_TO_RELAY, onLine);
      held.removeEventListener(LINE_HOST_WINDOW, onHostWindow);
      held.removeEventListener(LINE_HOST, onHost);
    };
  };
  const host = (view: Window, other: EventTarget) => {
    hosted.push(other);
    const unhear = hear(other);
    if (standing) say(other, standing);
    hosts.set(view, () => {
      hosts.delete(view);
      const at = hosted.indexOf(other);
      if (at < 0) return undefined;
      hosted.splice(at, 1);
      unhear();
      options.onHostedLost();
      return other;
    });
  };
  const take = (taken: EventTarget | undefined) => {
    if (!taken || line) return;
    line = taken;
    hear(taken);
    joinRoot(win, taken);
    if (standing) say(taken, standing);
  };
  const onBootstrap = (event: Event) => {
    link.stopHearingBootstrap();
    take(targetOf(event));
  };

  const say = (to: EventTarget, command: Message<ShimApi>) =>
    to.dispatchEvent(new CustomEvent(LINE_TO_SHIM, { detail: JSON.stringify(command) }));

  const link: ShimLink = {
    get isLinked() { return !!line; },
    openDoor() {
      if (line && !door) {
        door = { toRelay: randomName(), toShim: randomName() };
        say(line, { type: 'door', data: door });
      }
      return line && door;
    },
    adopt(names) {
      const onHandOver = (event: Event) => take(targetOf(event));
      win.addEventListener(names.toRelay, onHandOver, true);
      const knock: Message<ShimApi> = { type: 'line', data: {} };
      win.dispatchEvent(new CustomEvent(names.toShim, { detail: JSON.stringify(knock) }));
      win.removeEventListener(names.toRelay, onHandOver, true);
      if (line) door = names;
    },
    stopHearingBootstrap: () => win.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true),
    send(command) {
      if (line) say(line, command);
      for (const other of [...hosted]) say(other, command);
      return !!line || hosted.length > 0;
    },
    hold(command) {
      standing = command;
      link.send(command);
    },
  };

  const claimed = options.wasInjected ? undefined : claimOwnLine(win, hosts);
  if (claimed) take(claimed);
  else if (!options.wasInjected && !isGuardedRealm(win) && !isScriptless(win)) {
    win.addEventListener(BOOTSTRAP_EVENT, onBootstrap, true);
    // Firefox: the shim, declared after this script, runs before this microtask (content/shim-link.ts header).
    if (typeof (globalThis as { cloneInto?: unknown }).cloneInto === 'function') {
      queueMicrotask(() => link.stopHearingBootstrap());
    }
  }
  return link;
}
