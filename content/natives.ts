/**
 * Page-world built-ins, captured when the shim starts, before any page script runs. The shim calls these copies
 * only, so a page that later replaces a prototype method cannot blind it or break a forced stop.
 * Imported by the shim's modules only (MAIN world).
 */

export const { apply, construct, defineProperty, getOwnPropertyDescriptor } = Reflect;
const getter = (proto: object, key: string) => getOwnPropertyDescriptor(proto, key)?.get;

export const stringify = JSON.stringify;
export const ProxyCtor = Proxy;
export const WeakMapCtor = WeakMap;
export const WeakMapGet = WeakMap.prototype.get;
export const WeakMapSet = WeakMap.prototype.set;
export const MapCtor = Map;
export const WeakRefCtor = WeakRef;
export const WeakRefDeref = WeakRef.prototype.deref;
export const FinalizationRegistryCtor = FinalizationRegistry;
export const registryRegister = FinalizationRegistry.prototype.register;
export const promiseThen = Promise.prototype.then;
export const ErrorCtor = Error;
export const now = Date.now;
export const setTimeoutNative = setTimeout;
export const getRandomValues = crypto.getRandomValues.bind(crypto);
export const CustomEventCtor = CustomEvent;
export const EventCtor = Event;
export const eventTarget = getter(Event.prototype, 'target')!;
export const eventType = getter(Event.prototype, 'type')!;
export const customEventDetail = getter(CustomEvent.prototype, 'detail')!;
export const addListener = EventTarget.prototype.addEventListener;
export const dispatch = EventTarget.prototype.dispatchEvent;

const TrackProto = MediaStreamTrack.prototype;
export const track = {
  id: getter(TrackProto, 'id')!,
  kind: getter(TrackProto, 'kind')!,
  label: getter(TrackProto, 'label')!,
  readyState: getter(TrackProto, 'readyState')!,
  muted: getter(TrackProto, 'muted')!,
  enabled: getter(TrackProto, 'enabled')!,
  stop: TrackProto.stop,
  getSettings: TrackProto.getSettings,
};
export const streamGetTracks = MediaStream.prototype.getTracks;

/** The window the shim runs in; events to and from the relay travel on it. */
export const win = window;
