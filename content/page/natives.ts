/**
 * Page-world built-ins, captured when the shim starts, before any page script runs, and the few helpers built on
 * them. The shim calls these copies only, so a page that later replaces, wraps or freezes a built-in cannot blind
 * it or break a forced stop. What it still cannot avoid is the engine looking things up on prototypes: a property
 * an object lacks is looked up on Object.prototype, where a page may have put a getter or setter, `JSON.stringify`
 * asks every object for `toJSON`, and a for-of loop or spread asks Array.prototype for its iterator. So the shim
 * reads only properties its objects own, gives what it serializes no prototype (`bare`), and loops by index.
 * Imported by the shim's modules only (MAIN world); test/e2e/tamper.test.ts holds it to this.
 * Past 200 lines: one set, captured at once because a guardian hands it on whole (content/page/guard.ts), and the
 * helpers that touch nothing a page can replace, which only this set may build.
 */

/**
 * What the shim captures from the realm of `global`: the built-ins and DOM functions it calls. A shim the browser
 * runs captures its own window's, before any page script. A shim a guardian starts for another realm
 * (content/page/guard.ts) takes the guardian's for a frame: every one works on any same-origin realm's objects (WebIDL
 * checks an object's interface, not its realm), and a frame without scripts runs none of its own realm's timers. A
 * window the guardian's page opened can outlive the guardian's document, and with it its natives: its shim captures
 * that window's own, before the page holds the window.
 */
function capture(global: typeof globalThis) {
  const {
    Reflect, JSON, Object, Array, Proxy, WeakMap, Map, WeakRef, FinalizationRegistry, Promise, Error, String, RegExp,
    Date, setTimeout, CustomEvent, Event, EventTarget, FocusEvent, MutationObserver, Document, Element,
    MediaStreamTrack, MediaStream,
  } = global;
  const getter = (proto: object, key: string) => Reflect.getOwnPropertyDescriptor(proto, key)?.get;
  const TrackProto = MediaStreamTrack.prototype;
  // `__proto__: null` first: the engine then makes the set as a plain table. Without it, every new realm built one
  // hidden class per property for this literal, some 0.04 ms of every document's start (measured; see README).
  return {
    __proto__: null,
    apply_: Reflect.apply, construct_: Reflect.construct, defineProperty_: Reflect.defineProperty,
    getOwnPropertyDescriptor_: Reflect.getOwnPropertyDescriptor, ownKeys_: Reflect.ownKeys,
    setPrototypeOf_: Reflect.setPrototypeOf,
    stringify_: JSON.stringify, parse_: JSON.parse, isArray_: Array.isArray, hasOwn_: Object.hasOwn, proxyCtor_: Proxy,
    weakMapCtor_: WeakMap, weakMapGet_: WeakMap.prototype.get, weakMapSet_: WeakMap.prototype.set,
    mapCtor_: Map, mapGet_: Map.prototype.get, mapSet_: Map.prototype.set, mapDelete_: Map.prototype.delete,
    mapValues_: Map.prototype.values, mapKeys_: Map.prototype.keys, mapSize_: getter(Map.prototype, 'size')!,
    mapIteratorNext_: (Object.getPrototypeOf(new Map().keys()) as Iterator<unknown>).next,
    weakRefCtor_: WeakRef, weakRefDeref_: WeakRef.prototype.deref,
    finalizationRegistryCtor_: FinalizationRegistry, registryRegister_: FinalizationRegistry.prototype.register,
    promiseThen_: Promise.prototype.then, errorCtor_: Error,
    /**
     * Firefox keeps `stack` as an accessor on Error.prototype, which a page could replace; V8 makes it an own property
     * of each error (https://v8.dev/docs/stack-trace-api).
     */
    errorStackGetter_: getter(Error.prototype, 'stack'),
    stringIndexOf_: String.prototype.indexOf, stringSlice_: String.prototype.slice, regExpExec_: RegExp.prototype.exec,
    now_: Date.now, setTimeoutNative_: setTimeout,
    customEventCtor_: CustomEvent, eventCtor_: Event, eventTargetCtor_: EventTarget, focusEventCtor_: FocusEvent,
    relatedTarget_: getter(FocusEvent.prototype, 'relatedTarget')!, eventTarget_: getter(Event.prototype, 'target')!,
    eventType_: getter(Event.prototype, 'type')!, customEventDetail_: getter(CustomEvent.prototype, 'detail')!,
    addListener_: EventTarget.prototype.addEventListener, dispatch_: EventTarget.prototype.dispatchEvent,
    mutationObserverCtor_: MutationObserver, observe_: MutationObserver.prototype.observe,
    documentReadyState_: getter(Document.prototype, 'readyState')!, documentURL_: getter(Document.prototype, 'URL')!,
    getAttribute_: Element.prototype.getAttribute, hasAttribute_: Element.prototype.hasAttribute,
    track_: {
      __proto__: null,
      id: getter(TrackProto, 'id')!,
      kind: getter(TrackProto, 'kind')!,
      label: getter(TrackProto, 'label')!,
      readyState: getter(TrackProto, 'readyState')!,
      muted: getter(TrackProto, 'muted')!,
      enabled: getter(TrackProto, 'enabled')!,
      setEnabled: Reflect.getOwnPropertyDescriptor(TrackProto, 'enabled')!.set!,
      stop: TrackProto.stop,
      /** As the shim found it: a shim from before an update may have wrapped it already (see content/page/shim.ts). */
      clone: TrackProto.clone,
      getSettings: TrackProto.getSettings,
    },
    streamGetTracks_: MediaStream.prototype.getTracks,
  };
}
export type Natives = ReturnType<typeof capture>;

/**
 * The realm this shim instruments, and whose natives it calls: its own window, for a run the browser started
 * (shimTarget undefined); for a run a guardian started (content/page/guard.ts), the window of the realm it
 * instruments.
 */
export const win: Window = shimTarget ?? window;
/** What the guardian that started this run gave it; undefined in a run the browser started. */
export const given = shimGiven;
const N: Natives = given?.natives ?? capture(win as unknown as typeof globalThis);
export const {
  apply_: apply, construct_: construct, defineProperty_: defineProperty,
  getOwnPropertyDescriptor_: getOwnPropertyDescriptor, ownKeys_: ownKeys, setPrototypeOf_: setPrototypeOf,
  stringify_: stringify, hasOwn_: hasOwn, proxyCtor_: ProxyCtor,
  weakMapCtor_: WeakMapCtor, weakMapGet_: WeakMapGet, weakMapSet_: WeakMapSet, mapCtor_: MapCtor, mapGet_: MapGet,
  mapSet_: MapSet, mapDelete_: MapDelete, weakRefCtor_: WeakRefCtor, weakRefDeref_: WeakRefDeref,
  finalizationRegistryCtor_: FinalizationRegistryCtor, registryRegister_: registryRegister, promiseThen_: promiseThen,
  errorCtor_: ErrorCtor, regExpExec_: regExpExec, now_: now, setTimeoutNative_: setTimeoutNative,
  customEventCtor_: CustomEventCtor, eventCtor_: EventCtor, eventTargetCtor_: EventTargetCtor,
  focusEventCtor_: FocusEventCtor, relatedTarget_: relatedTarget, eventTarget_: eventTarget, eventType_: eventType,
  customEventDetail_: customEventDetail, addListener_: addListener, mutationObserverCtor_: MutationObserverCtor,
  observe_: observe, dispatch_: dispatch, track_: track, streamGetTracks_: streamGetTracks, documentURL_: documentURL,
  getAttribute_: getAttribute, hasAttribute_: hasAttribute,
} = N;
/** The whole set, to hand to a shim started for another realm. */
export const natives = N;
const {
  mapValues_: MapValues, mapKeys_: MapKeys, mapSize_: MapSize, mapIteratorNext_: mapIteratorNext,
  errorStackGetter_: errorStackGetter, stringIndexOf_: stringIndexOf, stringSlice_: stringSlice,
} = N;
/** What src/page-world.ts's parser calls, from the same set. */
export const jsonNatives = { __proto__: null, parse: N.parse_, isArray: N.isArray_, hasOwn: N.hasOwn_ };

/**
 * A global of the served realm: only a data property's value, so that no getter runs. A served realm a guardian
 * instruments is read before the page holds its window; see content/page/guard.ts for what that rules out.
 */
export function globalOf(name: string): unknown {
  const desc = getOwnPropertyDescriptor(win, name);
  return desc && hasOwn(desc, 'value') ? desc.value : undefined;
}

/**
 * The served realm's own constructors for a hold's refusal (content/page/hold.ts): an error of the page's realm, as
 * the native's is, and a waiting request that is the realm's Promise. Read from the served realm even in a
 * guardian's run, whose other natives are the guardian's.
 */
export const DOMExceptionCtor = globalOf('DOMException') as typeof DOMException | undefined;
export const PromiseCtor = globalOf('Promise') as PromiseConstructor;

/** Where `Function.prototype.toString` lives, for the one wrapper that disguises every other. */
export const FunctionProto = (globalOf('Function') as { prototype: object }).prototype;

/** The prototype of the served realm's global interface `name`, if this browser has it. */
export const proto = (name: string) => (globalOf(name) as { prototype?: object } | undefined)?.prototype;

/** The getter of `name.prototype[key]`, if the browser has both. */
export function getterOf(name: string, key: string): ((this: unknown) => unknown) | undefined {
  const prototype = proto(name);
  return prototype && getOwnPropertyDescriptor(prototype, key)?.get;
}

/** Whether the shim starts before the document has parsed, as a declared content script does. */
export const isDocumentLoading = () => apply(N.documentReadyState_, win.document, []) === 'loading';

// ── helpers that touch nothing a page can replace ─────────────────────────────────────────────────────────────

/**
 * Takes a fresh object or array off every prototype: no inherited getter, setter or `toJSON` reaches it. Every
 * object the shim hands to the engine to read (descriptors, event and proxy options) or to serialize is bare. A
 * literal made at every document's start is made bare where it is written instead, with `__proto__: null` first: the
 * engine then builds it as a plain table, where taking a finished object off its prototype costs a new hidden class
 * per shape in every new realm (README, Performance). Those made later, per track or message, use this.
 */
export function bare<T extends object>(value: T): T {
  setPrototypeOf(value, null);
  return value;
}

/** An empty list without a prototype. Index it and read `length`; it has no methods. */
export const list = <T>(): T[] => bare([]);

type Callback = (this: unknown, ...args: unknown[]) => unknown;

/** A copy of a call's arguments in which the callback at `index`, if it is a function, is replaced by `wrap(it)`. */
export function withCallback(args: unknown[], index: number, wrap: (callback: Callback) => Callback): unknown[] {
  const passed = list<unknown>();
  for (let i = 0; i < args.length; i++) passed[i] = args[i];
  if (typeof args[index] === 'function') passed[index] = wrap(args[index] as Callback);
  return passed;
}

export const indexOf = (text: string, part: string, from = 0) => apply(stringIndexOf, text, [part, from]) as number;
export const slice = (text: string, start: number, end?: number) => apply(stringSlice, text, [start, end]) as string;

/** The lines of a text (String.prototype.split would ask the separator for Symbol.split). */
export function linesOf(text: string): string[] {
  const lines = list<string>();
  for (let start = 0; start <= text.length;) {
    const end = indexOf(text, '\n', start);
    const stop = end < 0 ? text.length : end;
    lines[lines.length] = slice(text, start, stop);
    start = stop + 1;
  }
  return lines;
}

/** A number per object, from 1, stable while the object lives: a source id, "peer connection 2". */
export function numbering(): (owner: object) => number {
  const numbers = new WeakMapCtor<object, number>();
  let last = 0;
  return (owner) => {
    let n = apply(WeakMapGet, numbers, [owner]) as number | undefined;
    if (n === undefined) apply(WeakMapSet, numbers, [owner, (n = ++last)]);
    return n;
  };
}

export const mapSize = (map: Map<unknown, unknown>) => apply(MapSize, map, []) as number;

/** A map's values, in insertion order, as a list (a spread would use the page's iterator). */
export function valuesOf<V>(map: Map<unknown, V>): V[] {
  const values = list<V>();
  const iterator = apply(MapValues, map, []) as Iterator<V>;
  const next = () => apply(mapIteratorNext, iterator, []) as IteratorResult<V>;
  for (let step = next(); !step.done; step = next()) values[values.length] = step.value;
  return values;
}

export const firstKeyOf = <K>(map: Map<K, unknown>) =>
  (apply(mapIteratorNext, apply(MapKeys, map, []), []) as IteratorResult<K>).value;

/** The stack text of an error the shim made, or '' if a page's stack formatting hook throws. */
export function stackText(error: Error): string {
  try {
    const stack = errorStackGetter ? apply(errorStackGetter, error, []) : error.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  }
}

/**
 * Calls `onFulfilled` or `onRejected` when a promise the shim got from a native settles, before any reaction the page
 * adds later. `then` would ask the promise's `constructor` for a species, which a page can hook through
 * Promise.prototype; an own `constructor` of undefined, there only for this call, makes `then` use the built-in
 * Promise without asking. Does nothing if `value` is not a promise.
 */
export function whenSettled(
  value: unknown, onFulfilled: (result: unknown) => void, onRejected: (reason: unknown) => void = noop,
): void {
  if (typeof value !== 'object' || value === null) return;
  const isShadowed = defineProperty(value, 'constructor', bare({ value: undefined, configurable: true }));
  try {
    apply(promiseThen, value, [onFulfilled, onRejected]);
  } catch {
    // Not a promise: nothing to wait for.
  } finally {
    if (isShadowed) delete (value as { constructor?: unknown }).constructor;
  }
}

const noop = () => {};
