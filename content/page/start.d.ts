/**
 * Names the build's wrapper around the shim declares (scripts/build.mjs): the shim's bundle is one function, run once
 * by the browser for its own window, and again by a guardian shim for each same-origin realm it instruments
 * (content/page/guard.ts). Each run has its own copy of every module's state.
 */
import type { Given } from './guard';

declare global {
  /** The window a guardian started this run for; undefined when the browser runs the shim for its own window. */
  const shimTarget: Window | undefined;
  /** What the guardian gave this run: its natives, its registry of wrappers and where to hand the line. */
  const shimGiven: Given | undefined;
  /**
   * Where a run the test-suite leak check started hands its line (leak-check/page/reader.ts), instead of announcing it
   * on the window: that package has no relay. Undefined in the extension, whose wrapper is never given one.
   */
  const shimTake: ((line: EventTarget) => void) | undefined;
  /** The shim's bundle itself: runs the shim for `target` with a guardian's `given`. */
  function trackstopShim(target: Window, given: Given): void;
}
