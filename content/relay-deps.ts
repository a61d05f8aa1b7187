/**
 * What the relay is given instead of reaching for globals (content/relay.ts passes the browser's): the runtime, the
 * window, clocks, timers and the observer. A unit test passes fakes (test/unit/fakes.ts).
 */
import type { Message } from '../src/messages';
import type { BackgroundPortApi } from '../src/protocol';
import type { ShimLink } from './shim-link';

/** The part of the extension's runtime the relay uses; Chromium's `chrome.runtime` and Firefox's are alike here. */
export interface RelayRuntime {
  readonly id: string | undefined;
  connect(info: { name: string }): RelayPort;
  onMessage: {
    addListener(listener: (message: unknown, sender: Sender, reply: (response: unknown) => void) => void): void;
  };
}
export type Sender = { id?: string; tab?: unknown };
export interface RelayPort {
  postMessage(message: Message<BackgroundPortApi>): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface RelayTimers {
  setTimeout(run: () => void, ms: number): unknown;
}
/** Calls `onChange` whenever the children of `node` change (a MutationObserver with `childList`). */
export type Observe = (node: Node, onChange: () => void) => void;

export interface RelayDeps {
  /**
   * The runtime, asked for at first use: most frames never hold a track, and reaching the extension bindings was most
   * of what this script cost a page load. Throws, or has no `id`, in an orphaned relay (the extension was reloaded).
   */
  runtime: () => RelayRuntime;
  window: Window;
  /** Milliseconds, monotonic. */
  clock: () => number;
  /** Milliseconds since the epoch: what the background compares with its own `Date.now()`. */
  wallClock: () => number;
  timers: RelayTimers;
  observe: Observe;
  /** The document's `performance.timeOrigin`: with the frame, it names the document to the background. */
  timeOrigin: number;
  /**
   * Whether this relay was injected into an open page (after an update) rather than declared: then it missed the
   * shim's bootstrap and takes the old shim's channel over.
   */
  wasInjected: boolean;
  /** The line to the shim, listening since the relay's first instant. */
  link: ShimLink;
}
