/**
 * A prerendered page is not the tab's page (its frame id is not even the tab's top frame's) until it is shown, and
 * may never be: the relay reports from its activation on. Capture itself is deferred in prerendering, but other
 * tracks (a canvas's) are not. https://wicg.github.io/nav-speculation/prerendering.html#document-prerendering
 */

const waiting = new WeakSet<Document>();

/** Whether `document` is still prerendering; if so, `onActivated` runs once it is shown (registered once). */
export function isDeferredUntilActivated(document: Document, onActivated: () => void): boolean {
  if (!(document as { prerendering?: boolean }).prerendering) return false;
  if (!waiting.has(document)) {
    waiting.add(document);
    document.addEventListener('prerenderingchange', () => {
      waiting.delete(document);
      onActivated();
    }, { once: true });
  }
  return true;
}
