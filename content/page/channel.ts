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
 */
import { type Handlers, type Message, handle } from '../../src/messages';
import {
  BOOTSTRAP_EVENT, type ChannelNames, LINE_HOST, LINE_HOST_WINDOW, LINE_JOIN, LINE_REGISTRY, LINE_TO_RELAY,
  LINE_TO_SHIM, type RelayPageApi, type ShimApi, parseShimCommand,
} from '../../src/page-world';
import {
  CustomEventCtor, EventTargetCtor, FocusEventCtor, MutationObserverCtor, addListener, apply, bare, customEventDetail,
  dispatch, given, natives, observe, ownKeys, relatedTarget, stringify, win,
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
  apply(dispatch, win, [new FocusEventCtor(type, bare({ relatedTarget: line }))]);

/** Opens the channel, with the shim's handlers of the relay's commands; returns its sender. */
export function openChannel(commands: Pick<Handlers<ShimApi, Send>, 'stop' | 'pause' | 'snapshot'>): Send {
  const line: EventTarget = new EventTargetCtor();
  const send: Send = (message) =>
    apply(dispatch, line, [new CustomEventCtor(LINE_TO_RELAY, bare({ detail: stringify(bareTree(message)) }))]);
  const detailOf = (event: Event) => parseShimCommand(apply(customEventDetail, event, []), natives);

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
  const handlers: Handlers<ShimApi, Send> = bare({
    stop: commands.stop, pause: commands.pause, snapshot: commands.snapshot, door: openDoor,
    line: () => {}, // `line` only at the door
  });
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
