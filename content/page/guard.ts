/**
 * Guarded realms: the shim's answer to a page that reaches a same-origin realm before Trackstop's own shim runs there.
 *
 * Who can reach what, when. A frame's or a window's first document is the initial about:blank. Its Window, and with
 * it its whole JavaScript realm (every global, every prototype, every listener on the window), is kept when the frame
 * or window navigates to a document of the same origin. The browser runs Trackstop's scripts in that initial document
 * only when it stays there (a frame without `src`, `window.open()` without an address); for a frame with `src` or
 * `srcdoc`, `window.open(url)`, and any frame without scripts (`sandbox` without `allow-scripts`) it runs none there.
 * So the page that made the frame or window (a parent, an opener, a sibling through the parent's document) can, before
 * the navigated document's shim starts, add listeners to its window, replace any built-in of its realm, keep that
 * realm's unwrapped functions, or, in a frame without scripts, use them for ever.
 *
 * The shim therefore wraps the ways a page reaches another realm's window (`contentWindow` and `contentDocument` of
 * frames and objects, `window.open`) and, before it returns a realm that has no shim and will get none before its
 * page can act, instruments that realm itself: it runs the shim's bundle again (`trackstopShim`) for that window,
 * with this shim's natives for a frame and that window's own for a window it opened (natives.ts says why), both
 * captured before any page script could touch them, and with this page's one registry of wrappers.
 * The new shim wraps that realm's functions before the page holds a single one of them, and
 * hands its line to this shim, which hosts it on its own line (src/page-world.ts, LINE_HOST); the relay holding this
 * line reports that realm's tracks with its own frame's, until the realm's own relay claims the line (Chromium).
 * Last it leaves GUARD_SLOT on the window, non-configurable: a shim the browser starts later in that realm stands down.
 *
 * What this does not cover (README, Known limits): a realm reached through `window[i]`, `frames[i]` or a frame's name
 * before any wrapped path (the WindowProxy's indexed and named access cannot be wrapped), and a new document's realm
 * reached, through a WindowProxy the page kept, between its creation and its shim's start.
 */
import { GUARD_SLOT } from '../../src/page-world';
import {
  type Natives, apply, bare, defineProperty, documentURL, getAttribute, getOwnPropertyDescriptor, getterOf,
  hasAttribute, indexOf, natives, proto, win,
} from './natives';
import { type Around, type Registry, registry, wrapGetter, wrapMethod } from './wrap';

/** What a guardian gives the shim it starts for another realm. */
export interface Given {
  /** The guardian's own natives, for a frame (content/page/natives.ts says why not for a window). */
  natives?: Natives;
  registry: Registry;
  /** Takes the new shim's line, instead of the bootstrap announcement a shim makes on its own window. */
  take(line: EventTarget): void;
}

type Host = (view: Window, line: EventTarget) => void;
let host: Host | undefined;

/** Where this shim hands the lines of the realms it instruments: its own line (content/page/channel.ts). */
export const setHost = (to: Host) => { host = to; };

/** The document of a same-origin window, through the window's own unforgeable accessor; undefined across origins. */
function documentOf(view: Window): Document | undefined {
  try {
    const desc = getOwnPropertyDescriptor(view, 'document');
    return desc?.get ? apply(desc.get, view, []) as Document : undefined;
  } catch {
    return undefined; // another origin's window
  }
}

/**
 * Instruments `view`'s realm unless it already is: the slot goes first, unless anything holds it already. A realm
 * whose slot a page took first stays uninstrumented (Known limits: it could only have reached it through an unwrapped
 * path).
 */
function instrument(view: Window, isFrame: boolean): void {
  // Defining it again with the same value would succeed: look first.
  if (getOwnPropertyDescriptor(view, GUARD_SLOT) || !defineProperty(view, GUARD_SLOT, bare({ value: true }))) return;
  try {
    const take = (line: EventTarget) => host?.(view, line);
    trackstopShim(view, bare(isFrame ? { natives, registry: registry(), take } : { registry: registry(), take }));
  } catch {
    // A realm whose interfaces are missing or odd: what was wrapped stays wrapped; the page keeps working.
  }
}

/** An address a frame or window is about to load, rather than stay on its initial about:blank document. */
const isPending = (url: unknown) => typeof url !== 'string' || (url !== '' && indexOf(url, 'about:') !== 0);

/**
 * A frame element's window, about to be handed to the page: instrumented if nothing else will be there first. Its
 * attributes go first: most frames are neither loading nor scriptless, and then the window is never read.
 */
function guardFrame(element: unknown, windowOf: () => Window | null, sourceAttribute: string): void {
  const sandbox = apply(getAttribute, element, ['sandbox']) as string | null;
  const isScriptless = sandbox !== null && indexOf(sandbox, 'allow-scripts') < 0;
  const source = apply(getAttribute, element, [sourceAttribute]) as string | null;
  const isLoading = apply(hasAttribute, element, ['srcdoc']) === true || (source !== null && isPending(source));
  if (!isScriptless && !isLoading) return;
  const view = windowOf();
  const document = view && documentOf(view);
  if (view && document && (isScriptless || apply(documentURL, document, []) === 'about:blank')) instrument(view, true);
}

function wrapFrameElement(name: string, sourceAttribute: string): void {
  const prototype = proto(name);
  const nativeWindow = getterOf(name, 'contentWindow');
  if (!prototype || !nativeWindow) return;
  const guarded: Around = (native, self, args) => {
    const result = apply(native, self, args);
    if (result) guardFrame(self, () => apply(nativeWindow, self, []) as Window | null, sourceAttribute);
    return result;
  };
  wrapGetter(prototype, 'contentWindow', guarded);
  wrapGetter(prototype, 'contentDocument', guarded);
}

/** Wraps every way this realm's page reaches another realm's window that a script can wrap. */
export function guardReachableRealms(): void {
  wrapFrameElement('HTMLIFrameElement', 'src');
  wrapFrameElement('HTMLFrameElement', 'src');
  wrapFrameElement('HTMLObjectElement', 'data');
  wrapMethod(win, 'open', (native, self, args) => {
    const view = apply(native, self, args) as Window | null;
    if (view && isPending(args[0] ?? '')) {
      const document = documentOf(view);
      if (document && apply(documentURL, document, []) === 'about:blank') instrument(view, false);
    }
    return view;
  });
}
