/**
 * The page world's part of the protocol: what the shim and the relay say to each other, the caps on it, and the
 * one validator the shim itself needs. Kept apart from protocol.ts so that the shim, which runs in every frame of
 * every page, carries no more of the protocol than this.
 */
import type { EndedBy, StopOutcome, TrackInfo } from './model';

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
// Written out rather than built from PREFIX: the shim's bundle then leaves out the names it does not use.
/** The one fixed event name: the shim announces its secret channel names with it, once, before any page script. */
export const BOOTSTRAP_EVENT = 'trackstop:hello';
export const RELAY_PORT = 'trackstop-relay';
export const UI_PORT = 'trackstop-ui';

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

// Captured when the shim loads, before any page script: the shim parses commands in the page's world, where a page
// may later replace any built-in or put getters on Object.prototype (see content/page/natives.ts). Written out rather
// than built from src/validate.ts: the shim loads in every frame, and this is a third of the size.
const parseJson = JSON.parse;
const { isArray } = Array;
const { hasOwn } = Object;

const isTrackId = (x: unknown): x is string => typeof x === 'string' && x.length <= LIMITS.id;

/** Relay → shim: JSON text. The shim checks it too, though only the relay knows the channel. Never throws. */
export function parseShimCommand(text: unknown): ShimCommand | undefined {
  if (typeof text !== 'string' || text.length > LIMITS.pageMessage) return undefined;
  let x: unknown;
  try {
    x = parseJson(text);
  } catch {
    return undefined;
  }
  if (typeof x !== 'object' || x === null || isArray(x)) return undefined;
  // Own properties only: JSON.parse makes no getters, but a missing key would be looked up on Object.prototype.
  const field = (key: string) => (hasOwn(x as object, key) ? (x as Record<string, unknown>)[key] : undefined);
  const t = field('t');
  if (t === 'snapshot') return { t };
  const requestId = field('requestId');
  const ids = field('ids');
  const dispatchEnded = field('dispatchEnded');
  if (t !== 'stop' || !isTrackId(requestId) || typeof dispatchEnded !== 'boolean') return undefined;
  if (!isArray(ids) || ids.length > LIMITS.tracksPerSnapshot) return undefined;
  for (let i = 0; i < ids.length; i++) if (!isTrackId(ids[i])) return undefined;
  return { t, requestId, ids: ids as string[], dispatchEnded };
}
