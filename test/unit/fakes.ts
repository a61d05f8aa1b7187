/**
 * Fakes shared by the unit tests of content/ and popup/: a clock with its timers, an extension runtime with ports, a
 * window with a document, and the line to the shim; for the shim's modules, a track, a frame's window and the natives
 * a guardian hands over. Each records what it was asked, for the tests to read. (A file of fakes: over 200 lines.)
 */
import { vi } from 'vitest';
import type { Message } from '../../src/messages';
import type { ChannelNames, RelayPageApi, ShimApi } from '../../src/page-world';
import type { BackgroundPortApi } from '../../src/protocol';
import type { Observe, RelayDeps, RelayPort, RelayRuntime, RelayTimers, Sender } from '../../content/relay-deps';
import type { ShimLink } from '../../content/shim-link';

/** Monotonic time and the timers that run on it; `advance` runs every timer due, in order, as time passes. */
export function fakeTime(start = 1000) {
  let now = start;
  let timers: { at: number; run: () => void; seq: number }[] = [];
  let seq = 0;
  const timersApi: RelayTimers = {
    setTimeout(run, ms) { timers.push({ at: now + Math.max(0, ms), run, seq: ++seq }); return seq; },
  };
  return {
    clock: () => now,
    timers: timersApi,
    /** How many timers wait. */
    get pending() { return timers.length; },
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = end;
    },
  };
}

type Listener = (event: unknown) => void;
/** Listeners by type, and a way to fire an event at them. */
class Listeners {
  private readonly byType = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener): void {
    if (!this.byType.has(type)) this.byType.set(type, new Set());
    this.byType.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void { this.byType.get(type)?.delete(listener); }
  /** Fires an event as the browser would (trusted), or as a page script would (`isTrusted: false`). */
  fire(type: string, event: Record<string, unknown> = {}): void {
    for (const listener of [...this.byType.get(type) ?? []]) listener({ type, isTrusted: true, ...event });
  }
  count(type: string): number { return this.byType.get(type)?.size ?? 0; }
}

export class FakeDocument extends Listeners {
  visibilityState: DocumentVisibilityState = 'visible';
  prerendering = false;
}
export class FakeWindow extends Listeners {
  readonly document = new FakeDocument();
  parent: FakeWindow = this;
  get top(): FakeWindow { return this.parent === this ? this : this.parent.top; }
}

/** The observer the relay is given: `mutate(node)` plays a change of that node's children. */
export function fakeObserver() {
  const observed: { node: unknown; onChange: () => void }[] = [];
  const observe: Observe = (node, onChange) => { observed.push({ node, onChange }); };
  const mutate = (node: unknown) => observed.filter((o) => o.node === node).forEach((o) => o.onChange());
  return { observe, observed, mutate };
}

export class FakePort implements RelayPort {
  readonly posted: Message<BackgroundPortApi>[] = [];
  private readonly heard: ((message: unknown) => void)[] = [];
  readonly onMessage = { addListener: (listener: (message: unknown) => void) => { this.heard.push(listener); } };
  readonly onDisconnectListeners: (() => void)[] = [];
  isDisconnected = false;
  /** Set to make `postMessage` throw, as a port of a dead worker does. */
  isBroken = false;
  postMessage(message: Message<BackgroundPortApi>): void {
    if (this.isBroken) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(structuredClone(message));
  }
  readonly onDisconnect = { addListener: (listener: () => void) => { this.onDisconnectListeners.push(listener); } };
  disconnect(): void { this.isDisconnected = true; }
  /** The background's end went away (a service-worker restart). */
  lose(): void {
    this.isBroken = true;
    for (const listener of this.onDisconnectListeners) listener();
  }
  /** A message from the background on this port. */
  say(message: unknown): void { for (const listener of this.heard) listener(message); }
  /** The reports posted on this port. */
  get reports() { return this.posted.flatMap((m) => (m.type === 'report' ? [m.data] : [])); }
}

/** The extension's runtime as the relay sees it: every port it opened, and a way to send it commands. */
export function fakeRuntime(id = 'trackstop-id') {
  const ports: FakePort[] = [];
  let onCommand: ((message: unknown, sender: Sender, reply: (r: unknown) => void) => void) | undefined;
  const runtime: RelayRuntime = {
    id,
    connect: () => { const port = new FakePort(); ports.push(port); return port; },
    onMessage: { addListener: (listener) => { onCommand = listener; } },
  };
  return {
    runtime, ports,
    get port(): FakePort | undefined { return ports[ports.length - 1]; },
    /** A command from `sender` (the background, unless given); the reply, or undefined if none was given. */
    command(message: unknown, sender: Sender = { id }): unknown {
      let replied: unknown;
      onCommand?.(message, sender, (response) => { replied = response; });
      return replied;
    },
    get isListening() { return !!onCommand; },
  };
}

/** A shim on the line: answers every command with what `answer` returns, at once, as a JSON detail. */
export type FakeShim = (command: Message<ShimApi>) => Message<RelayPageApi> | undefined;

/** The line to the shims: `shims` answer every command sent; `receive` is where their answers go (the relay's). */
export function fakeLink(shims: FakeShim[] = []) {
  const sent: Message<ShimApi>[] = [];
  const adopted: ChannelNames[] = [];
  let receive: (detail: unknown) => void = () => {};
  let doorNames: ChannelNames | undefined;
  const state = { isLinked: shims.length > 0, adoptable: true };
  const link: ShimLink = {
    get isLinked() { return state.isLinked; },
    openDoor() {
      if (state.isLinked && !doorNames) doorNames = { toRelay: 'trackstop:r1', toShim: 'trackstop:s1' };
      return state.isLinked ? doorNames : undefined;
    },
    adopt(names) {
      adopted.push(names);
      if (state.adoptable && shims.length) { state.isLinked = true; doorNames = names; }
    },
    stopHearingBootstrap() {},
    hold(command) { link.send(command); },
    send(command) {
      sent.push(command);
      for (const shim of shims) {
        const answer = shim(command);
        if (answer) receive(JSON.stringify(answer));
      }
      return shims.length > 0;
    },
  };
  return {
    link, sent, adopted, state,
    connect(to: (detail: unknown) => void) { receive = to; },
    /** A message from a shim (or whoever holds a line), as it comes: any value. */
    say(detail: unknown) { receive(detail); },
  };
}

/** Everything createRelay is given, as fakes; `overrides` replaces any of them. */
export function fakeRelayDeps(overrides: Partial<RelayDeps> & { shims?: FakeShim[] } = {}) {
  const time = fakeTime();
  const wall = { now: 1_700_000_000_000 };
  const runtime = fakeRuntime();
  const win = new FakeWindow();
  const observer = fakeObserver();
  const line = fakeLink(overrides.shims ?? []);
  const deps: RelayDeps = {
    runtime: () => runtime.runtime, window: win as unknown as Window, clock: time.clock, wallClock: () => wall.now,
    timers: time.timers, observe: observer.observe, timeOrigin: 1_699_999_999_000.5, wasInjected: false,
    link: line.link, ...overrides,
  };
  return { deps, time, wall, runtime, win, observer, line };
}

// ── the page world, for the shim's modules (content/page/) ───────────────────────────────────────────────────────

let trackNumber = 0;
/** A MediaStreamTrack as far as the shim reads one: its getters, `stop`, `clone`, `getSettings` and events. */
export class FakeTrack extends EventTarget {
  #id: string;
  #state: MediaStreamTrackState = 'live';
  #enabled = true;
  constructor(readonly fakeKind: 'audio' | 'video' = 'video', id = `track-${++trackNumber}`,
    readonly deviceId = 'cam-1') {
    super();
    this.#id = id;
  }
  get id() { return this.#id; }
  get kind() { return this.fakeKind; }
  get label() { return `${this.fakeKind} device`; }
  get readyState() { return this.#state; }
  get muted() { return false; }
  get enabled() { return this.#enabled; }
  set enabled(value: boolean) { this.#enabled = value; }
  stop() { this.#state = 'ended'; }
  clone() { return new FakeTrack(this.fakeKind, undefined, this.deviceId); }
  getSettings() { return { deviceId: this.deviceId, width: 640 }; }
  /** The device went away: `ended` as the browser fires it. */
  endFromSource() { this.#state = 'ended'; this.dispatchEvent(new Event('ended')); }
}

/**
 * A window as content/shim-link.ts sees one: real EventTarget events, its parent and opener, and the frame element a
 * parent shows.
 */
export class FakeFrameWindow extends EventTarget {
  parent: FakeFrameWindow = this;
  opener: FakeFrameWindow | null = null;
  frameElement: { getAttribute(name: string): string | null } | null = null;
  /** Node 20's EventTarget takes a boolean third argument as `capture` when adding, but not when removing. */
  override removeEventListener(type: string, listener: EventListener | null, options?: boolean | EventListenerOptions) {
    super.removeEventListener(type, listener, typeof options === 'boolean' ? { capture: options } : options);
  }
  /** A frame of this window, of the same origin (its isolated world shares this one's globals, as in Chromium). */
  child(): FakeFrameWindow {
    const frame = new FakeFrameWindow();
    frame.parent = this;
    return frame;
  }
}

export class FakeFocusEvent extends Event {
  readonly #relatedTarget: EventTarget | null;
  constructor(type: string, init: { relatedTarget?: EventTarget | null } = {}) {
    super(type);
    this.#relatedTarget = init.relatedTarget ?? null;
  }
  get relatedTarget() { return this.#relatedTarget; }
}

/** The DOM interfaces content/page/natives.ts captures from, as far as the shim's table and commands use them. */
const PAGE_GLOBALS = {
  MediaStreamTrack: FakeTrack,
  MediaStream: class { getTracks() { return []; } },
  FocusEvent: FakeFocusEvent,
  MutationObserver: class { observe() {} },
  Document: class { get readyState() { return 'loading'; } get URL() { return 'https://example.test/'; } },
  Element: class { getAttribute() { return null; } hasAttribute() { return false; } },
};

/**
 * Makes the next import of content/page/natives.ts capture its natives as the browser's run does, from globals that
 * are fakes here (the clock and timers `time`'s), for a fake window: each import of the shim's modules after
 * `vi.resetModules()` is a new shim. Restore the globals with `vi.unstubAllGlobals()` once imported.
 */
export function startFakeShim(time = fakeTime()) {
  // The window the shim serves and captures from: its own `Function` and document; the rest through its prototype,
  // Node's global, where the fakes below are stubbed in.
  const view = Object.assign(Object.create(globalThis) as object, { Function, document: {} });
  vi.stubGlobal('shimTarget', view);
  vi.stubGlobal('shimGiven', undefined);
  for (const [name, value] of Object.entries(PAGE_GLOBALS)) vi.stubGlobal(name, value);
  vi.stubGlobal('setTimeout', time.timers.setTimeout);
  vi.stubGlobal('Date', { now: time.clock });
  return { time, view };
}
