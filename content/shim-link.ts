/**
 * The relay's end of the private channel to the shim (the shim's end is content/page/channel.ts). It hears the
 * shim's one bootstrap announcement, which hands it the line, and from then on talks on the line only. At startup
 * it adds one listener to the window and touches nothing else: reaching the document from this world would cost
 * every frame a tenth of a millisecond. A relay that comes after an extension update knocks at the shim's door.
 */
import type { Message } from '../src/messages';
import {
  BOOTSTRAP_EVENT, type ChannelNames, LINE_JOIN, LINE_TO_RELAY, LINE_TO_SHIM, PREFIX, type ShimApi,
} from '../src/page-world';

export interface ShimLink {
  /** Whether the relay holds the line to the shim. */
  readonly isLinked: boolean;
  /**
   * Opens the shim's door under names picked now, for a relay after an update (the background keeps them), once.
   * The names, or undefined without a line.
   */
  openDoor(): ChannelNames | undefined;
  /** Knocks at a door whose names came from the background, and takes the line the shim hands over, if it does. */
  adopt(names: ChannelNames): void;
  /** Stops waiting for an announcement: one that comes late could be a page script's. */
  stopHearingBootstrap(): void;
  /** Sends a command; the shim answers at once, inside this call. False if there is no line yet. */
  send(command: Message<ShimApi>): boolean;
}

/** A message on the line: the detail as it came, for the caller to validate. */
export type OnShimMessage = (detail: unknown) => void;

const detailOf = (event: Event): unknown => (event as CustomEvent<unknown>).detail;
/** The line a hand-over event carries, if it carries one: the shim's own events are not trusted events either. */
const lineOf = (event: Event): EventTarget | undefined => {
  const target = (event as FocusEvent).relatedTarget;
  return target instanceof EventTarget ? target : undefined;
};

/**
 * Where each relay keeps the line of its page's root shim, on its own global in this isolated world, which the page
 * never sees and frames of the same origin share.
 */
const ROOT_MARK = 'trackstop-relay:root';

/**
 * Introduces this frame's shim to the root's, so that both share one registry of wrappers (LINE_JOIN in
 * src/page-world.ts). The root is the parent's root if the parent is of the same origin, else this frame's own shim.
 * Firefox keeps each frame's content-script globals apart: there every frame is its own root.
 */
function joinRoot(win: Window, line: EventTarget): void {
  type Marked = Record<string, EventTarget | undefined>;
  let root: EventTarget | undefined;
  try {
    if (win.parent !== win) root = (win.parent as unknown as Marked)[ROOT_MARK];
  } catch {
    // A parent of another origin.
  }
  root?.dispatchEvent(new FocusEvent(LINE_JOIN, { relatedTarget: line }));
  (win as unknown as Marked)[ROOT_MARK] = root ?? line;
}

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(4)); // data: frames lack crypto.randomUUID
  return `${PREFIX}:${Array.from(bytes, (n) => n.toString(36)).join('')}`;
}

export function linkToShim(win: Window, onMessage: OnShimMessage): ShimLink {
  let line: EventTarget | undefined;
  let door: ChannelNames | undefined;
  const onLine = (event: Event) => onMessage(detailOf(event));
  const take = (taken: EventTarget | undefined) => {
    if (!taken || line) return;
    line = taken;
    line.addEventListener(LINE_TO_RELAY, onLine);
    joinRoot(win, taken);
  };
  const onBootstrap = (event: Event) => {
    link.stopHearingBootstrap();
    take(lineOf(event));
  };
  win.addEventListener(BOOTSTRAP_EVENT, onBootstrap, true);

  const say = (command: Message<ShimApi>) =>
    line!.dispatchEvent(new CustomEvent(LINE_TO_SHIM, { detail: JSON.stringify(command) }));

  const link: ShimLink = {
    get isLinked() { return !!line; },
    openDoor() {
      if (line && !door) {
        door = { toRelay: randomName(), toShim: randomName() };
        say({ type: 'door', data: door });
      }
      return line && door;
    },
    adopt(names) {
      const onHandOver = (event: Event) => take(lineOf(event));
      win.addEventListener(names.toRelay, onHandOver, true);
      const knock: Message<ShimApi> = { type: 'line', data: {} };
      win.dispatchEvent(new CustomEvent(names.toShim, { detail: JSON.stringify(knock) }));
      win.removeEventListener(names.toRelay, onHandOver, true);
      if (line) door = names;
    },
    stopHearingBootstrap: () => win.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true),
    send(command) {
      if (!line) return false;
      say(command);
      return true;
    },
  };
  return link;
}
