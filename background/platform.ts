/**
 * The extension API for the background, the one place it comes from. webextension-polyfill stays here because
 * Chromium's `runtime.onMessage` takes no promise for a reply (it wants `return true` and `sendResponse`,
 * https://developer.chrome.com/docs/extensions/develop/concepts/messaging#simple), and the router answers with
 * promises; the polyfill turns them into `sendResponse` calls. Firefox 140+ needs none of it: where every declared
 * browser answers promises, this line becomes `globalThis.browser`.
 */
import browser from 'webextension-polyfill';

export { browser };
