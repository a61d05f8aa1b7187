/**
 * The page world's part of the protocol: what the shim and the relay say to each other, the caps on it, and the
 * one validator the shim itself needs. Kept apart from protocol.ts so that the shim, which runs in every frame of
 * every page, carries no more of the protocol than this.
 */
import type { EndedBy, StopOutcome, TrackInfo } from './model';
import { type Check, arrayOf, bool, fromJson, literal, object, str, union } from './validate';

/** Caps on what a page may make Trackstop hold. */
export const LIMITS = {
  id: 128,
  label: 256,
  stack: 8192,
  constraints: 2048,
  reason: 256,
  eventsPerMessage: 1000,
  tracksPerSnapshot: 2000,
  /** Characters of JSON in one page-world message. */
  pageMessage: 4_000_000,
} as const;

/** Everything the page can see carries this prefix. */
export const PREFIX = 'trackstop';
/** The one fixed event name: the shim announces its secret channel names with it, once, before any page script. */
export const BOOTSTRAP_EVENT = `${PREFIX}:hello`;
export const RELAY_PORT = `${PREFIX}-relay`;
export const UI_PORT = `${PREFIX}-ui`;

// ── page world: shim ⇄ relay (JSON strings in CustomEvent details) ─────────────────────────────────────────

export type ShimEvent =
  | { e: 'added'; track: TrackInfo }
  | { e: 'changed'; id: string; muted: boolean; enabled: boolean }
  | { e: 'ended'; id: string; at: number; by: EndedBy };

export interface PageStopResult {
  id: string;
  outcome: StopOutcome;
  reason?: string;
}

/** Shim → relay. */
export type ShimMessage =
  | { t: 'events'; events: ShimEvent[] }
  | { t: 'snapshot'; tracks: TrackInfo[] }
  | { t: 'stopped'; requestId: string; results: PageStopResult[] };

/** Relay → shim. */
export type ShimCommand =
  | { t: 'stop'; requestId: string; ids: string[]; dispatchEnded: boolean }
  | { t: 'snapshot' };

/** The bootstrap announcement: the names of the two secret events. */
export interface ChannelNames {
  toRelay: string;
  toShim: string;
}

const trackId = str(LIMITS.id);

/** Relay → shim: JSON text. The shim checks it too, though only the relay knows the channel. */
export const parseShimCommand: Check<ShimCommand> = fromJson(union<ShimCommand>('t', {
  stop: object({ t: literal('stop'), requestId: trackId, ids: arrayOf(trackId, LIMITS.tracksPerSnapshot), dispatchEnded: bool }),
  snapshot: object({ t: literal('snapshot') }),
}), LIMITS.pageMessage);
