/**
 * The relay's end of the private channel to the shim (the shim's end is content/page/channel.ts). It hears the
 * shim's one bootstrap announcement, then listens on the secret name it learned. `document.open()` erases every
 * listener on the window, this one included, and empties the document: an observer of the document's children
 * listens again and says so, since whatever the shim said in between was lost.
 * https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps ("erase all event
 * listeners and handlers")
 */
import { BOOTSTRAP_EVENT, type ChannelNames, type Message, type ShimApi, parseChannelNames } from '../src/protocol';

export interface ShimLink {
  /** The channel's names, once known. */
  readonly names: ChannelNames | undefined;
  /** Listens on names learned another way: from the background, by a relay injected after an update. */
  adopt(names: ChannelNames): void;
  /** Stops waiting for an announcement: one that comes late could be a page script's. */
  stopHearingBootstrap(): void;
  /** Sends a command; the shim answers at once, inside this call. False if there is no channel yet. */
  send(command: Message<ShimApi>): boolean;
}

export interface ShimLinkHandlers {
  /** A message on the channel: the detail as it came, for the caller to validate. */
  onMessage(detail: unknown): void;
  /** `document.open()` erased the listeners (now added again), or the document lost children. */
  onRewritten(): void;
}

const detailOf = (event: Event): unknown => (event as CustomEvent<unknown>).detail;

export function linkToShim(win: Window, { onMessage, onRewritten }: ShimLinkHandlers): ShimLink {
  let names: ChannelNames | undefined;
  const onChannel = (event: Event) => onMessage(detailOf(event));
  const listen = (learned: ChannelNames | undefined) => {
    names = learned;
    if (names) win.addEventListener(names.toRelay, onChannel, true);
  };
  const onBootstrap = (event: Event) => {
    link.stopHearingBootstrap();
    listen(parseChannelNames(detailOf(event)));
  };
  win.addEventListener(BOOTSTRAP_EVENT, onBootstrap, true);
  // The parser's first insertions land here too, and cost a callback.
  new MutationObserver((records) => {
    if (!names) return;
    win.addEventListener(names.toRelay, onChannel, true); // a no-op while the listener is still there
    if (records.some((record) => record.removedNodes.length > 0)) onRewritten();
  }).observe(win.document, { childList: true });

  const link: ShimLink = {
    get names() { return names; },
    adopt: listen,
    stopHearingBootstrap: () => win.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true),
    send(command) {
      if (!names) return false;
      win.dispatchEvent(new CustomEvent(names.toShim, { detail: JSON.stringify(command) }));
      return true;
    },
  };
  return link;
}
