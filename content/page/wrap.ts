/**
 * Replaces functions on prototypes with wrappers a page cannot tell from the natives: a Proxy keeps the native
 * `name`, `length`, absence of `prototype`, and the native's own `this` and argument checks (it calls the native
 * with the same receiver); `Function.prototype.toString` is wrapped once to print the native's source text.
 * Property descriptors keep their enumerable/configurable/writable flags.
 */
import {
  FunctionProto, ProxyCtor, WeakMapCtor, WeakMapGet, WeakMapSet, apply, construct, defineProperty,
  getOwnPropertyDescriptor,
} from './natives';
import { withoutOwnFrames } from './track-facts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- natives take whatever the page passes, and check it
type AnyFunction = (...args: any[]) => any;
/** Runs instead of the native; calls `native` itself, with the receiver and arguments it chooses. */
export type Around = (native: AnyFunction, self: unknown, args: unknown[]) => unknown;

export type Registry = WeakMap<object, AnyFunction>;
/** Each wrapper's native. Shared by every same-origin realm of the page once this realm joins the root's. */
let originals: Registry = new WeakMapCtor();
let wrappers = 0;

export const registry = () => originals;

/**
 * Uses the page's one registry (from the root frame's shim; see LINE_JOIN in src/page-world.ts) from now on. Only
 * before the first wrapper: this realm's own entries would be lost otherwise, and the join comes first anyway.
 */
export function useRegistry(shared: Registry): void {
  try {
    apply(WeakMapGet, shared, [originals]); // throws unless it is a WeakMap
    if (!wrappers) originals = shared;
  } catch {
    // Not a registry: keep this realm's own.
  }
}

function register(wrapper: object, native: object): void {
  wrappers++;
  apply(WeakMapSet, originals, [wrapper, native]);
}

function disguise(native: AnyFunction, around: Around): AnyFunction {
  // The engine looks up every trap on the handler at each use, even the ones it lacks: a handler with a prototype
  // would let a page's `Object.prototype.get` see every read of the wrapper, and the native behind it.
  const proxy = new ProxyCtor(native, {
    __proto__: null,
    apply(target: AnyFunction, self: unknown, args: unknown[]) {
      try {
        return around(target, self, args);
      } catch (error) {
        throw withoutOwnFrames(error);
      }
    },
  } as ProxyHandler<AnyFunction>);
  register(proxy, native);
  return proxy;
}

/**
 * Wraps one function of the own property `proto[key]`: its `value` (a method), `get` or `set`. Returns whether it did.
 * Bare, as every descriptor: a guardian wraps another realm long after its own page could have put a `get` or `set`
 * on Object.prototype, which defineProperty would otherwise read.
 */
function wrapPart(proto: object | undefined, key: string, part: 'value' | 'get' | 'set', around: Around): boolean {
  const desc = proto && getOwnPropertyDescriptor(proto, key);
  const native: unknown = desc && desc[part];
  if (!proto || typeof native !== 'function') return false;
  const wrapped = { __proto__: null, ...desc } as PropertyDescriptor;
  wrapped[part] = disguise(native as AnyFunction, around);
  defineProperty(proto, key, wrapped);
  return true;
}

/** Wraps `proto[key]` if it is an own method. */
export const wrapMethod = (proto: object | undefined, key: string, around: Around) =>
  wrapPart(proto, key, 'value', around);
/** Wraps the setter of accessor `proto[key]`. */
export const wrapSetter = (proto: object | undefined, key: string, around: Around) =>
  wrapPart(proto, key, 'set', around);
/** Wraps the getter of accessor `proto[key]`. */
export const wrapGetter = (proto: object | undefined, key: string, around: Around) =>
  wrapPart(proto, key, 'get', around);

type Constructor = new (...args: unknown[]) => object;

/** Wraps a constructor on `owner` (a global): `new` goes through `around`, and `prototype.constructor` follows. */
export function wrapConstructor(
  owner: object, key: string, afterConstruct: (instance: object, args: unknown[]) => void,
): boolean {
  const desc = getOwnPropertyDescriptor(owner, key);
  const native = desc?.value as (new (...args: unknown[]) => object) | undefined;
  if (!desc || typeof native !== 'function') return false;
  const proxy = new ProxyCtor(native, {
    __proto__: null,
    construct(target: Constructor, args: unknown[], newTarget: Constructor) {
      let instance: object;
      try {
        instance = construct(target, args, newTarget) as object;
      } catch (error) {
        throw withoutOwnFrames(error);
      }
      try {
        afterConstruct(instance, args);
      } catch {
        // Trackstop's bookkeeping never makes the page's `new` fail.
      }
      return instance;
    },
  } as ProxyHandler<Constructor>);
  register(proxy, native);
  const wrappedDesc = (from: PropertyDescriptor) => ({ __proto__: null, ...from, value: proxy }) as PropertyDescriptor;
  defineProperty(owner, key, wrappedDesc(desc));
  const protoDesc = getOwnPropertyDescriptor(native.prototype, 'constructor');
  if (protoDesc) defineProperty(native.prototype, 'constructor', wrappedDesc(protoDesc));
  return true;
}

/** Makes `Function.prototype.toString` print the native source for every wrapper, itself included. */
export function disguiseToString(): void {
  wrapMethod(FunctionProto, 'toString', (native, self, args) =>
    apply(native, apply(WeakMapGet, originals, [self]) ?? self, args));
}
