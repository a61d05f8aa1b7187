/**
 * When the shim's batch leaves. The first change after a quiet spell is reported at the end of its task; while the
 * page keeps making or ending tracks, at most one batch leaves per `BUSY_BATCH_SPACING_MS`. The first change
 * schedules the first timer, so a page without media pays nothing here.
 */
import { now, setTimeoutNative } from './natives';

/**
 * Each batch wakes the relay's world and, measured in Chromium, a getUserMedia()+stop() loop ran 6% slower with one
 * batch per call than with batches spaced like this.
 */
export const BUSY_BATCH_SPACING_MS = 100;

let isScheduled = false;
let lastBatchAt = -Infinity;

/** Schedules `run` for the next batch, unless a batch is scheduled already. */
export function scheduleBatch(run: () => void): void {
  if (isScheduled) return;
  isScheduled = true;
  const wait = lastBatchAt + BUSY_BATCH_SPACING_MS - now();
  setTimeoutNative(run, wait > 0 ? wait : 0);
}

/** A batch is being sent now (on schedule or early, for an answer): the next one is scheduled afresh. */
export function batchStarted(): void {
  isScheduled = false;
  lastBatchAt = now();
}
