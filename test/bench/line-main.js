// The benchmark's line floor, MAIN-world half (test/bench/parts.test.ts, bench.test.ts), run after the wrapping floor:
// what any shim must do to report to its extension without the page hearing it (DESIGN.md, trust rules). A MAIN-world
// script has no extension API, so it reports through the one isolated-world script that listens (line-isolated.js);
// and since the page shares the window, the channel must be an object the page never holds, handed over once, before
// the page's first script, as an event's `relatedTarget` (the one kind of event field that carries an EventTarget).
(() => {
  const line = new EventTarget();
  dispatchEvent(new FocusEvent('bench-line', { __proto__: null, relatedTarget: line }));
})();
