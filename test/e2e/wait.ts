/**
 * How long a test waits for what it is waiting on: a barrier (the popup lists a track, the page reads `ended`),
 * never a guess at how long something takes. Imports nothing, so that the drivers and the harness both can.
 */

/**
 * Passing polls return as soon as the condition holds, so the limit costs nothing on a fast machine; it is set for a
 * slow one that is busy with something else too (CI, another browser).
 */
export const BARRIER_MS = 20_000;
export const poll = { timeout: BARRIER_MS, interval: 50 };

/** Resolves once `condition` is true; throws, naming `what`, if it is not within `BARRIER_MS`. */
export async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = BARRIER_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, poll.interval));
  }
}
