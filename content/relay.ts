/**
 * ISOLATED world, declared before the shim in the manifest, so that it hears the shim's first word. Its first instant
 * is only that: one listener for the shim's announcement (content/shim-link.ts). The relay itself
 * (content/create-relay.ts), with the protocol's validators, is evaluated when the shim first reports, or at once if
 * this relay came late: building the validators was most of what this script cost every frame of every page.
 * Nothing starts if another live relay serves this document.
 */
import { GATE_MARK, HOLD_ENTRY, INJECTED_MARK, RELAY_PORT } from '../src/page-world';
import type { HoldKind } from '../src/model';
import type * as RelayModule from './create-relay';
import type { Relay, RelayRuntime } from './create-relay';
import { linkToShim } from './shim-link';

/**
 * Evaluates the relay proper (content/create-relay.ts), which the build bundles into this file as a function of its
 * own (scripts/build.mjs, RELAY_LOADER): a frame pays for its modules only once it has something to report.
 */
declare const loadRelayModule: () => typeof RelayModule;

type RuntimeHost = { runtime: RelayRuntime };
/** Chrome 148+ and Firefox name it `browser`; older Chromium only `chrome`. */
const extensionRuntime = () => {
  const host = globalThis as unknown as { browser?: RuntimeHost; chrome: RuntimeHost };
  return (host.browser ?? host.chrome).runtime;
};

/**
 * One live relay per document. The background injects relays into every open tab after an update, including
 * tabs whose declared relay is alive and well (the page loaded after the update began); those keep theirs. The mark
 * lives in the isolated world, where the page cannot see or fake it.
 */
const ALIVE_MARK = `${RELAY_PORT}:alive`;
const world = globalThis as unknown as Record<string, unknown>;
function isAnotherRelayAlive(): boolean {
  try {
    return (world[ALIVE_MARK] as (() => boolean) | undefined)?.() === true;
  } catch {
    return false; // a mark left by an unloaded extension's relay
  }
}

/**
 * Whether this relay came into an open page rather than at document_start. Chromium injects only what the background
 * asks for, and the background marks its injections (background/index.ts): asking the document would cost every
 * frame. Firefox injects the declared scripts into open pages itself, after an install or update; only its content
 * scripts have `cloneInto`, and there the document tells.
 */
function wasInjected(): boolean {
  const marked = world[INJECTED_MARK] === true;
  if (marked) delete world[INJECTED_MARK];
  // An initial about:blank document (a frame without `src`, `window.open()`) may be complete already when Firefox runs
  // the declared scripts in it: that is document_start there.
  return marked || (typeof world.cloneInto === 'function' && document.readyState !== 'loading'
    && !location.href.startsWith('about:'));
}

const injected = wasInjected();
if (!isAnotherRelayAlive()) {
  let relay: Relay | undefined;
  const link = linkToShim(window, (detail) => started().receive(detail), {
    wasInjected: injected, onHostedLost: () => started().requireSnapshot(),
  });
  const started = () => relay ??= loadRelayModule().createRelay({
    runtime: extensionRuntime, window, clock: () => performance.now(), wallClock: () => Date.now(),
    timers: { setTimeout: (run, ms) => setTimeout(run, ms) }, timeOrigin: performance.timeOrigin,
    observe: (node, onChange) => new MutationObserver(onChange).observe(node, { childList: true }),
    wasInjected: injected, link,
  });
  world[ALIVE_MARK] = () => started().isAlive();
  // Stop and hold reaches every frame here (background/holds.ts runs a function in this world); the gate, a script the
  // background registers for the sites it may hold, marks the document pending before the page's first script.
  world[HOLD_ENTRY] = (state: { kinds: HoldKind[]; isPending: boolean }) => started().hold(state);
  if (world[GATE_MARK] === true) started().hold({ kinds: [], isPending: true });
  if (injected) started();
}
