/**
 * Who sent a message, told from what the browser says of the sender, never from the message: an extension page, or
 * a frame of a tab (a content script), with that frame's address.
 */
import type { Runtime } from 'webextension-polyfill';
import { type FrameAddress, asFrameId, asTabId } from '../src/model';
import { addressOf, originOf } from '../src/origin';

export const isExtensionPage = (sender: Runtime.MessageSender, extensionOrigin: string) =>
  !!sender.url?.startsWith(extensionOrigin);

/** The frame a content script's port comes from; undefined for anything else. */
export function frameOf(sender: Runtime.MessageSender, extensionOrigin: string): FrameAddress | undefined {
  const { tab, frameId } = sender;
  if (tab?.id === undefined || frameId === undefined || isExtensionPage(sender, extensionOrigin)) return undefined;
  const address: FrameAddress = {
    tabId: asTabId(tab.id),
    frameId: asFrameId(frameId),
    // `origin` is optional (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/runtime/MessageSender):
    // where the browser leaves it out, the URL's origin stands in. Kept raw; the UI puts it in words.
    origin: (sender as { origin?: string }).origin ?? originOf(sender.url) ?? 'null',
  };
  // An opaque origin says nothing of the frame: its address tells a data: frame from a sandboxed one.
  if (address.origin === 'null' && sender.url) address.url = addressOf(sender.url);
  const documentId = (sender as { documentId?: string }).documentId;
  if (documentId) address.documentId = documentId;
  return address;
}

/** Names one document for the channel book: its `documentId`, or its frame and time origin (Firefox has no ids). */
export function documentKey(from: FrameAddress, documentTime: number | undefined): string | undefined {
  if (from.documentId) return from.documentId;
  return documentTime === undefined ? undefined : `${from.tabId}:${from.frameId}:${documentTime}`;
}
