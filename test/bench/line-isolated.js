// The benchmark's line floor, ISOLATED-world half (line-main.js says why): the one listener on the window, at
// document_start, that takes the line the MAIN world hands over, and stops listening once it has it. Not in a frame
// whose document runs no scripts (`sandbox` without `allow-scripts`): no shim runs there, so an announcement can only
// be a page's (DESIGN.md, trust rules); only the frame element tells, and only a same-origin parent shows it.
(() => {
  const sandbox = frameElement?.getAttribute('sandbox');
  if (typeof sandbox === 'string' && !/(^|\s)allow-scripts(\s|$)/i.test(sandbox)) return;
  const take = (event) => {
    removeEventListener('bench-line', take, true);
    globalThis.benchLine = event.relatedTarget;
  };
  addEventListener('bench-line', take, true);
})();
