/**
 * The page world's part of the protocol: what the shim and the relay say to each other, the caps on it, and the
 * one validator the shim itself needs. Kept apart from protocol.ts so that the shim, which runs in every frame of
 * every page, carries no more of the protocol than this.
 */
import type { Message } from './messages';
import type { EndedBy, StopOutcome, TrackInfo } from './model';

/** Caps on what a page may make Trackstop hold. */
export const LIMITS = {
  id: 128,
  label: 256,
  stack: 8192,
  constraints: 2048,
  reason: 256,
  /** Events in one report to the background. */
  eventsPerMessage: 1000,
  /** Events in one message from the shim: as many as the relay holds (content/relay.ts reports them in parts). */
  eventsPerPageMessage: 5000,
  tracksPerSnapshot: 2000,
  /** Characters of JSON in one page-world message. */
  pageMessage: 4_000_000,
} as const;

/** Everything the page can see carries this prefix. */
export const PREFIX = 'trackstop';
// Written out rather than built from PREFIX: the shim's bundle then leaves out the names it does not use.
/** The one fixed event name: the shim announces its secret channel names with it, once, before any page script. */
export const BOOTSTRAP_EVENT = 'trackstop:hello';
export const RELAY_PORT = 'trackstop-relay';
export const UI_PORT = 'trackstop-ui';

// ── page world: shim ⇄ relay (JSON strings in CustomEvent details) ─────────────────────────────────────────

/** One change to a track, as the shim reports it. Data, not a message: its `type` says which change. */
export type ShimEvent =
  | { type: 'added'; track: TrackInfo }
  | { type: 'changed'; id: string; muted: boolean; enabled: boolean }
  | { type: 'ended'; id: string; at: number; by: EndedBy };

export interface PageStopResult {
  id: string;
  outcome: StopOutcome;
  reason?: string;
}

/** What the relay receives from the shim: its reports, and the answers to the relay's own commands. */
export interface RelayPageApi {
  events(events: ShimEvent[]): void;
  snapshot(tracks: TrackInfo[]): void;
  stopped(data: { requestId: string; results: PageStopResult[] }): void;
}

/** What the shim receives from the relay. It answers each at once, while the relay's `dispatchEvent` runs. */
export interface ShimApi {
  stop(data: { requestId: string; ids: string[]; dispatchEnded: boolean }): void;
  snapshot(data: Record<string, never>): void;
}

/** The bootstrap announcement: the names of the two secret events. */
export interface ChannelNames {
  toRelay: string;
  toShim: string;
}

// Captured when the shim loads, before any page script: the shim parses commands in the page's world, where a page
// may later replace any built-in or put getters on Object.prototype (see content/page/natives.ts). Written out rather
// than built from src/validate.ts: the shim loads in every frame, and this is a third of the size.
const parseJson = JSON.parse;
const { isArray } = Array;
const { hasOwn } = Object;

const isTrackId = (x: unknown): x is string => typeof x === 'string' && x.length <= LIMITS.id;

/** Relay → shim: JSON text. The shim checks it too, though only the relay knows the channel. Never throws. */
export function parseShimCommand(text: unknown): Message<ShimApi> | undefined {
  if (typeof text !== 'string' || text.length > LIMITS.pageMessage) return undefined;
  let x: unknown;
  try {
    x = parseJson(text);
  } catch {
    return undefined;
  }
  const type = field(x, 'type');
  const data = field(x, 'data');
  if (type === 'snapshot' && isRecord(data)) return { type, data: {} };
  const requestId = field(data, 'requestId');
  const ids = field(data, 'ids');
  const dispatchEnded = field(data, 'dispatchEnded');
  if (type !== 'stop' || !isTrackId(requestId) || typeof dispatchEnded !== 'boolean') return undefined;
  if (!isArray(ids) || ids.length > LIMITS.tracksPerSnapshot) return undefined;
  for (let i = 0; i < ids.length; i++) if (!isTrackId(ids[i])) return undefined;
  return { type, data: { requestId, ids: ids as string[], dispatchEnded } };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !isArray(x);

/** An own property of a parsed object: JSON.parse makes no getters, but a missing key is looked up on the prototype. */
const field = (x: unknown, key: string): unknown =>
  isRecord(x) && hasOwn(x, key) ? x[key] : undefined;
