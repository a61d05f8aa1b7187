/**
 * The browser's own words for a denied camera, microphone or screen request, which a hold's refusal carries
 * (content/page/hold.ts) so that a page cannot tell it from a person's refusal. Compared with a denied permission
 * in a clean browser by test/e2e/hold.test.ts. Firefox is the one whose content scripts have `cloneInto`.
 */
const CHROMIUM_DENIED = 'Permission denied';
const FIREFOX_DENIED = 'The request is not allowed by the user agent or the platform in the current context.';

export const deniedMessage = () =>
  (typeof (globalThis as { cloneInto?: unknown }).cloneInto === 'function' ? FIREFOX_DENIED : CHROMIUM_DENIED);
