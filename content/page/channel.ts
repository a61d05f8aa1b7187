/**
 * The shim's end of the private channel to the relay. At its first instant, before any page script can run, the
 * shim picks two random event names and announces them once with the bootstrap event, which the relay (declared
 * first) is already waiting for and then stops listening to. A page never learns the names, so it can neither
 * read the shim's reports nor send the shim a command. Details are JSON strings: they cross worlds as they are.
 */
import { type Handlers, type Message, handle } from '../../src/messages';
import { BOOTSTRAP_EVENT, PREFIX, type RelayPageApi, type ShimApi, parseShimCommand } from '../../src/page-world';
import {
  CustomEventCtor, MutationObserverCtor, Uint32ArrayCtor, addListener, apply, bare, customEventDetail, dispatch,
  getRandomValues, observe, ownKeys, stringify, win,
} from './natives';

function randomName(): string {
  const bytes = getRandomValues(new Uint32ArrayCtor(4));
  let name = `${PREFIX}:`;
  for (let i = 0; i < bytes.length; i++) name += bytes[i]!.toString(36);
  return name;
}

function fire(type: string, detail: string): void {
  apply(dispatch, win, [new CustomEventCtor(type, bare({ detail }))]);
}

/** Takes every object in a message off its prototype, so that `JSON.stringify` finds no page-made `toJSON`. */
function bareTree(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  bare(value);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) bareTree((value as Record<PropertyKey, unknown>)[keys[i]!]);
  return value;
}

/** Opens the channel, with the shim's handlers of the relay's commands; returns its sender. */
export function openChannel(commands: Handlers<ShimApi, Send>): Send {
  const toRelay = randomName();
  const toShim = randomName();
  const send: Send = (message) => fire(toRelay, stringify(bareTree(message)));
  const onEvent = (event: Event) => {
    const command = parseShimCommand(apply(customEventDetail, event, []));
    if (command) handle(commands, command, send);
  };
  apply(addListener, win, [toShim, onEvent]);
  // document.open() erases every event listener on the window, this one included (the relay's too), and empties
  // the document, which this observer sees. Adding the same listener again is a no-op if it is still there.
  // https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps
  const observer = new MutationObserverCtor(() => apply(addListener, win, [toShim, onEvent]));
  apply(observe, observer, [win.document, bare({ childList: true })]);
  fire(BOOTSTRAP_EVENT, stringify({ toRelay, toShim }));
  return send;
}

export type Send = (message: Message<RelayPageApi>) => void;
