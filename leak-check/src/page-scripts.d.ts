/** The page scripts, as text, made by scripts/build-leak-check.mjs (an esbuild virtual module). */
declare module 'trackstop:page-scripts' {
  /** Declares `trackstopReader` (leak-check/page/reader.ts) in the scope it is pasted into. */
  export const READER: string;
  /** The shim's bundle as a function expression: `trackstopShim(shimTarget, shimGiven, shimTake)`. */
  export const SHIM: string;
}
