/**
 * The page world's part of the protocol: what the shim and the relay say to each other, the caps on it, and the
 * one validator the shim itself needs. Kept apart from protocol.ts so that the shim, which runs in every frame of
 * every page, carries no more of the protocol than this.
 */
import type { Message } from './messages';
import { type EndedBy, HOLD_KINDS, type HoldKind, type PausedBy, type Sink, type SinkKind, type ControlOutcome,
  type TrackInfo } from './model';

/** Caps on what a page may make Trackstop hold. */
export const LIMITS = {
  id: 128,
  label: 256,
  stack: 8192,
  constraints: 2048,
  reason: 256,
  /** Sinks of one track; a sink's name. */
  sinks: 32,
  sinkName: 128,
  /** Events in one report to the background. */
  eventsPerMessage: 1000,
  /** Events in one message from the shim: as many as the relay holds (src/report-queue.ts reports them in parts). */
  eventsPerPageMessage: 5000,
  tracksPerSnapshot: 2000,
  /** Characters of JSON in one page-world message. */
  pageMessage: 4_000_000,
} as const;

/** Everything the page can see carries this prefix. */
export const PREFIX = 'trackstop';
// Written out rather than built from PREFIX: the shim's bundle then leaves out the names it does not use.
/**
 * The one fixed event name: once, before any page script, the shim dispatches a FocusEvent of this type on the
 * window whose `relatedTarget` is the line, a private EventTarget (content/page/channel.ts).
 */
export const BOOTSTRAP_EVENT = 'trackstop:hello';
/** Event types on the line. Only the shim and the relay hold the line, so the names need no secret. */
export const LINE_TO_RELAY = 'r';
export const LINE_TO_SHIM = 's';
/**
 * One registry of wrappers for every same-origin realm of a page, so that any realm's `toString` knows them all. A
 * frame's relay introduces its shim to the shim of the page's topmost same-origin frame (the root): a FocusEvent of
 * type LINE_JOIN on the root's line, whose `relatedTarget` is the frame's line; the root shim answers on that line
 * with a CustomEvent of type LINE_REGISTRY whose detail is the registry itself (both shims are in the page's world).
 */
export const LINE_JOIN = 'j';
export const LINE_REGISTRY = 'g';
/**
 * A guardian shim hosts the shim it started for another realm (content/page/guard.ts) on its own line: a FocusEvent
 * LINE_HOST_WINDOW whose `relatedTarget` is that realm's window, then a FocusEvent LINE_HOST whose `relatedTarget` is
 * the new shim's line. The relay that holds the guardian's line holds this one too, until that window's own relay
 * claims it (content/shim-link.ts).
 */
export const LINE_HOST_WINDOW = 'w';
export const LINE_HOST = 'h';
/**
 * The one thing a guardian leaves in a realm it instruments: a non-configurable own property of its window, so that a
 * shim the browser starts later in that same realm (the initial document's Window, kept for the document a frame or
 * window navigates to) stands down before it reads anything a page could have replaced (scripts/build.mjs checks it
 * first). Non-configurable: a page can neither remove it nor make it lie. The build writes the same name.
 */
export const GUARD_SLOT = 'trackstop:guarded';
export const RELAY_PORT = 'trackstop-relay';
/**
 * In the isolated world: the relay's function that applies a hold (`{ kinds, isPending }`) to its document, which the
 * background calls with `scripting.executeScript`; and the mark the gate (content/gate.ts) leaves if it runs first.
 */
export const HOLD_ENTRY = 'trackstop-relay:hold';
export const GATE_MARK = 'trackstop-relay:gated';
/** Set in the isolated world by the background just before it injects a relay into an open page. */
export const INJECTED_MARK = 'trackstop-relay:injected';
export const UI_PORT = 'trackstop-ui';

// ── page world: shim ⇄ relay (JSON strings in CustomEvent details, on the line) ───────────────────────────

/** One change to a track, as the shim reports it. Data, not a message: its `type` says which change. */
export type ShimEvent =
  | { type: 'added'; track: TrackInfo }
  /** Muted or enabled changed; `pausedBy` says who disabled it, while it is disabled. */
  | { type: 'changed'; id: string; muted: boolean; enabled: boolean; pausedBy?: PausedBy }
  | { type: 'ended'; id: string; at: number; by: EndedBy }
  /** What consumes the track changed (at `at`); `idleSince` and `formerSinks` as in TrackInfo. */
  | { type: 'sinks'; id: string; at: number; sinks: Sink[]; idleSince?: number; formerSinks?: SinkKind[] };

export interface PageControlResult {
  id: string;
  outcome: ControlOutcome;
  reason?: string;
}

/** What the relay receives from the shim: its reports, and the answers to the relay's own commands. */
export interface RelayPageApi {
  events(events: ShimEvent[]): void;
  snapshot(tracks: TrackInfo[]): void;
  /** The answer to a `stop` or a `pause`: each track's outcome, read back in the page. */
  answered(data: { results: PageControlResult[] }): void;
  /** Capture requests a hold refused since the last such message, by kind (at most four a second). */
  refused(counts: Partial<Record<HoldKind, number>>): void;
}

/**
 * What is held in a document (stop and hold, a site's rule): requests for these kinds are refused with a
 * `NotAllowedError` carrying `message`, the browser's own words for a denied permission. `isPending`: the verdict
 * for this document is still to come, and capture requests wait for it (content/page/hold.ts).
 */
export interface HoldState {
  kinds: HoldKind[];
  isPending: boolean;
  message: string;
}

/** What the shim receives from the relay. It answers each at once, while the relay's `dispatchEvent` runs. */
export interface ShimApi {
  stop(data: { ids: string[]; dispatchEnded: boolean }): void;
  /** Sets `enabled` to `!isPaused` (black frames or silence; the device stays held), and reads it back. */
  pause(data: { ids: string[]; isPaused: boolean }): void;
  snapshot(data: Record<string, never>): void;
  /** From now on, refuse what is held (content/page/hold.ts). */
  hold(data: HoldState): void;
  /**
   * Opens the door: from now on the shim also listens on the window for `toShim`, where the one command is `line`.
   * The relay picks the names, and the background keeps them for a relay that comes after an extension update.
   */
  door(data: ChannelNames): void;
  /** Heard at the door only: the shim hands the line over again, as a FocusEvent `toRelay` on the window too. */
  line(data: Record<string, never>): void;
}

/** The secret event names of a shim's door (ShimApi.door). */
export interface ChannelNames {
  toRelay: string;
  toShim: string;
}

// Captured when the shim loads, before any page script: the shim parses commands in the page's world, where a page
// may later replace any built-in or put getters on Object.prototype (see content/page/natives.ts). Written out rather
// than built from src/validate.ts: the shim loads in every frame, and this is a third of the size.
// A shim that a guardian starts for another realm runs in the guardian's realm, long after its page's first script:
// it passes the functions the guardian captured at its start instead (content/page/guard.ts).
export interface JsonNatives {
  parse: typeof JSON.parse;
  isArray: typeof Array.isArray;
  hasOwn: typeof Object.hasOwn;
}
let captured: JsonNatives | undefined;
const ownNatives = () => captured ??= { parse: JSON.parse, isArray: Array.isArray, hasOwn: Object.hasOwn };

/** A track id, a request id or an event name: a string of at most `LIMITS.id` characters. */
const isId = (x: unknown): x is string => typeof x === 'string' && x.length <= LIMITS.id;

const isHoldKind = (x: unknown): x is HoldKind => x === 'camera' || x === 'microphone' || x === 'screen';

/** Relay → shim: JSON text. The shim checks it too, though only the relay knows the channel. Never throws. */
export function parseShimCommand(text: unknown, natives: JsonNatives = ownNatives()): Message<ShimApi> | undefined {
  const { parse, isArray, hasOwn } = natives;
  // An own property of a parsed object: JSON.parse makes no getters, but a missing key is looked up on the prototype.
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !isArray(x);
  const field = (x: unknown, key: string): unknown => (isRecord(x) && hasOwn(x, key) ? x[key] : undefined);
  if (typeof text !== 'string' || text.length > LIMITS.pageMessage) return undefined;
  let x: unknown;
  try {
    x = parse(text);
  } catch {
    return undefined;
  }
  const type = field(x, 'type');
  const data = field(x, 'data');
  if ((type === 'snapshot' || type === 'line') && isRecord(data)) return { type, data: {} };
  if (type === 'hold') {
    const kinds = field(data, 'kinds');
    const isPending = field(data, 'isPending');
    const message = field(data, 'message');
    if (!isArray(kinds) || kinds.length > HOLD_KINDS.length || typeof isPending !== 'boolean') return undefined;
    if (typeof message !== 'string' || message.length > LIMITS.reason) return undefined;
    for (let i = 0; i < kinds.length; i++) if (!isHoldKind(kinds[i])) return undefined;
    return { type, data: { kinds: kinds as HoldKind[], isPending, message } };
  }
  if (type === 'door') {
    const toRelay = field(data, 'toRelay');
    const toShim = field(data, 'toShim');
    return isId(toRelay) && isId(toShim) ? { type, data: { toRelay, toShim } } : undefined;
  }
  const ids = field(data, 'ids');
  if (!isArray(ids) || ids.length > LIMITS.tracksPerSnapshot) return undefined;
  for (let i = 0; i < ids.length; i++) if (!isId(ids[i])) return undefined;
  const flag = field(data, type === 'stop' ? 'dispatchEnded' : 'isPaused');
  if (typeof flag !== 'boolean') return undefined;
  if (type === 'stop') return { type, data: { ids: ids as string[], dispatchEnded: flag } };
  return type === 'pause' ? { type, data: { ids: ids as string[], isPaused: flag } } : undefined;
}

