/**
 * The shim's end of the private channel to the relay (the relay's end is content/shim-link.ts). At its first
 * instant, before any page script can run, the shim makes the line, an EventTarget of its own, and hands it to the
 * relay (declared first, already listening) as the `relatedTarget` of one bootstrap event on the window. A page
 * never holds the line, so it can neither read the shim's reports nor send the shim a command; `document.open()`,
 * which erases the listeners of the window and the document, leaves it alone. Touching nothing else at startup
 * (no document, no random names, no observer) keeps a page that never uses media from paying for the channel.
 *
 * A relay that comes after an extension update finds the shim through the door: secret event names on the window,
 * chosen by the first relay once the frame has something to report, where the shim hands over the line again.
 * Details are JSON strings: they cross worlds as they are.
 *
 * The private channel's words (here, content/shim-link.ts, content/page/guard.ts, src/page-world.ts):
 * - line: the shim's own EventTarget; whoever holds it hears the shim's reports (LINE_TO_RELAY) and may command it
 *   (LINE_TO_SHIM). Only the shim and its relay ever hold it.
 * - bootstrap (`hello`, BOOTSTRAP_EVENT): the one FocusEvent on the window that hands the line to the relay, at the
 *   shim's first instant; its `relatedTarget` is the line.
 * - door: two secret event names on the window (ChannelNames), picked by the first relay and kept by the background,
 *   where the shim hands the line over again to a relay that comes after an update.
 * - knock: the `line` command, sent at the door; the shim answers with the line (the new relay adopts it).
 * - root: the shim of a page's topmost same-origin frame. join (LINE_JOIN): a frame's relay introduces its shim's line
 *   to the root's. registry (LINE_REGISTRY): the one set of wrappers every same-origin realm shares, which the root
 *   sends back, so that any realm's `toString` knows every wrapper (content/page/wrap.ts).
 * - guardian: a shim that instruments a realm its page reaches before that realm's own shim runs, by running the
 *   shim's bundle again for it (content/page/guard.ts). slot (GUARD_SLOT): the non-configurable property the
 *   guardian leaves on that window, so that a shim the browser starts there later stands down.
 * - host (LINE_HOST_WINDOW, LINE_HOST): the guardian passes the new shim's line, with its window, along its own line;
 *   the relay holding the guardian's line holds that one too (hosted lines).
 * - claim: the hosted realm's own relay, once it runs (Chromium), takes its line from the host's relay.
 */
import { type Handlers, type Message, handle } from '../../src/messages';
import {
  BOOTSTRAP_EVENT, type ChannelNames, LINE_HOST, LINE_HOST_WINDOW, LINE_JOIN, LINE_REGISTRY, LINE_TO_RELAY,
  LINE_TO_SHIM, type RelayPageApi, type ShimApi, parseShimCommand,
} from '../../src/page-world';
import {
  CustomEventCtor, EventTargetCtor, FocusEventCtor, MutationObserverCtor, addListener, apply, bare, customEventDetail,
  dispatch, given, jsonNatives, observe, ownKeys, relatedTarget, stringify, win,
} from './natives';
import { setHost } from './guard';
import { registry, useRegistry } from './wrap';

/** Takes every object in a message off its prototype, so that `JSON.stringify` finds no page-made `toJSON`. */
function bareTree(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  bare(value);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) bareTree((value as Record<PropertyKey, unknown>)[keys[i]!]);
  return value;
}

const handOver = (line: EventTarget, type: string) =>
  apply(dispatch, win, [new FocusEventCtor(type, { __proto__: null, relatedTarget: line } as FocusEventInit)]);

/** Opens the channel, with the shim's handlers of the relay's commands; returns its sender. */
export function openChannel(commands: Pick<Handlers<ShimApi, Send>, 'stop' | 'pause' | 'snapshot' | 'hold'>): Send {
  const line: EventTarget = new EventTargetCtor();
  const send: Send = (message) =>
    apply(dispatch, line, [new CustomEventCtor(LINE_TO_RELAY, bare({ detail: stringify(bareTree(message)) }))]);
  const detailOf = (event: Event) => parseShimCommand(apply(customEventDetail, event, []), jsonNatives);

  const openDoor = (names: ChannelNames) => {
    const onKnock = (event: Event) => {
      if (detailOf(event)?.type === 'line') handOver(line, names.toRelay);
    };
    const listen = () => apply(addListener, win, [names.toShim, onKnock]);
    listen();
    // document.open() erases the window's listeners and empties the document, which this observer sees. Adding the
    // same listener again is a no-op if it is still there.
    // https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps
    apply(observe, new MutationObserverCtor(listen), [win.document, bare({ childList: true })]);
  };
  // No prototype: a page's getter on Object.prototype cannot pose as a handler.
  const handlers = {
    __proto__: null,
    stop: commands.stop, pause: commands.pause, snapshot: commands.snapshot, hold: commands.hold, door: openDoor,
    line: () => {}, // `line` only at the door
  } as Handlers<ShimApi, Send>;
  const onCommand = (event: Event) => {
    const command = detailOf(event);
    if (command) handle(handlers, command, send);
  };
  apply(addListener, line, [LINE_TO_SHIM, onCommand]);
  // As the root: a frame's line, introduced by that frame's relay, gets this realm's registry. As a frame: the root's
  // registry arrives while the bootstrap below is being dispatched, before any wrapper exists.
  apply(addListener, line, [LINE_JOIN, (event: Event) => {
    const other = apply(relatedTarget, event, []);
    if (other) apply(dispatch, other, [new CustomEventCtor(LINE_REGISTRY, bare({ detail: registry() }))]);
  }]);
  apply(addListener, line, [LINE_REGISTRY, (event: Event) => useRegistry(apply(customEventDetail, event, []))]);
  // The realms this shim instruments (content/page/guard.ts) are hosted on this line, for the relay that holds it.
  setHost((view, hosted) => {
    apply(dispatch, line, [new FocusEventCtor(LINE_HOST_WINDOW, bare({ relatedTarget: view }))]);
    apply(dispatch, line, [new FocusEventCtor(LINE_HOST, bare({ relatedTarget: hosted }))]);
  });
  if (given) {
    // Started by a guardian for this realm: its registry, and the line goes to it, never through this realm's window,
    // which its page may hold already.
    useRegistry(given.registry);
    given.take(line);
  } else if (shimTake) {
    // Started by the test-suite leak check (leak-check/): its reader, made in this same first instant, takes the line.
    shimTake(line);
  } else {
    handOver(line, BOOTSTRAP_EVENT);
  }
  return send;
}

export type Send = (message: Message<RelayPageApi>) => void;
