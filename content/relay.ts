/**
 * ISOLATED world, declared before the shim in the manifest, so that it hears the shim's first word: starts the
 * relay (content/create-relay.ts) with the browser's own runtime, unless another live relay serves this document.
 */
import { RELAY_PORT } from '../src/page-world';
import { type RelayRuntime, createRelay } from './create-relay';

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
const world = globalThis as unknown as Record<string, (() => boolean) | undefined>;
function isAnotherRelayAlive(): boolean {
  try {
    return world[ALIVE_MARK]?.() === true;
  } catch {
    return false; // a mark left by an unloaded extension's relay
  }
}

if (!isAnotherRelayAlive()) {
  world[ALIVE_MARK] = createRelay({ runtime: extensionRuntime, window, clock: () => performance.now() }).isAlive;
}
