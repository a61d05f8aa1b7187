/**
 * The script a runner puts into every document before the app's first script: the test's reader
 * (leak-check/page/reader.ts) and the extension's own shim (content/page/, the same bundle as dist/<browser>/shim.js
 * but for its hand-over), both built by scripts/build-leak-check.mjs. Each document runs it inside one function: it
 * leaves no global behind, and takes the runner's binding off the window before anything else can run.
 */
import { READER, SHIM } from 'trackstop:page-scripts';

/** A binding name nobody can guess: one per installation. */
export const randomBindingName = () => `__${crypto.randomUUID().replace(/-/g, '')}`;

export const initScript = (bindingName: string, mustStay = false) => `(() => {
${READER}
const take = trackstopReader.start(${JSON.stringify(bindingName)}, ${mustStay});
(${SHIM})(undefined, undefined, take);
})();`;
