/**
 * The extension API for extension pages, the one place it comes from. webextension-polyfill stays here because the
 * background answers through it (background/platform.ts): a request the background rejects crosses as the
 * polyfill's own reply shape, which only the polyfill on this end turns back into a rejection. Dropped together
 * with the background's, this line becomes `globalThis.browser`.
 */
import browser from 'webextension-polyfill';

export { browser };
