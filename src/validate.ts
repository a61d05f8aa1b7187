/**
 * Small runtime checks for data that crosses a trust boundary. Each returns the typed value or `undefined`;
 * none throws, whatever it is given (getters that throw, proxies, cycles are all read defensively).
 */

export type Check<T> = (x: unknown) => T | undefined;

// Captured at load: the shim parses the relay's commands with these in the page's world, where page scripts that run
// later may replace any built-in (see content/natives.ts). Results are built with defineProperty, which no setter a
// page puts on Object.prototype or Array.prototype can intercept.
const { getOwnPropertyDescriptor, getPrototypeOf, keys: keysOf, hasOwn, prototype: ObjectPrototype } = Object;
const { apply, defineProperty } = Reflect;
const { isArray } = Array;
const { isInteger, isFinite } = Number;
const parseJson = JSON.parse;
const stringSlice = String.prototype.slice;
const callSlice = (text: string, end: number) => apply(stringSlice, text, [0, end]) as string;

function put(target: object, key: string | number, value: unknown): void {
  defineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

/** Reads an own data property without running getters or proxy traps that could throw. */
function field(x: object, key: string): unknown {
  try {
    const d = getOwnPropertyDescriptor(x, key);
    return d && hasOwn(d, 'value') ? d.value : undefined;
  } catch {
    return undefined;
  }
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || isArray(x)) return false;
  try {
    const proto = getPrototypeOf(x);
    return proto === ObjectPrototype || proto === null;
  } catch {
    return false;
  }
}

export const str = (max: number): Check<string> => (x) => (typeof x === 'string' && x.length <= max ? x : undefined);

/** A string cut to `max` characters: for text the page may make long, where the start is still worth showing. */
export const capped = (max: number): Check<string> => (x) =>
  typeof x === 'string' ? (x.length <= max ? x : `${callSlice(x, max - 1)}…`) : undefined;

export const int = (min: number, max: number): Check<number> => (x) =>
  typeof x === 'number' && isInteger(x) && x >= min && x <= max ? x : undefined;

export const num: Check<number> = (x) => (typeof x === 'number' && isFinite(x) ? x : undefined);

export const bool: Check<boolean> = (x) => (typeof x === 'boolean' ? x : undefined);

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  const known = setOf(values);
  return (x) => (typeof x === 'string' && hasOwn(known, x) ? (x as T[number]) : undefined);
}

/** A prototype-less record of the given keys: `hasOwn(set, key)` tests membership without any method call. */
function setOf(keys: readonly string[]): Record<string, true> {
  const set: Record<string, true> = Object.create(null);
  for (let i = 0; i < keys.length; i++) set[keys[i]!] = true;
  return set;
}

/** An array of at most `max` items, each valid; one bad item rejects the whole array. */
export function arrayOf<T>(item: Check<T>, max: number): Check<T[]> {
  return (x) => {
    if (!isArray(x) || x.length > max) return undefined;
    const out: T[] = [];
    for (let i = 0; i < x.length; i++) {
      const v = item(field(x, `${i}`));
      if (v === undefined) return undefined;
      put(out, i, v);
    }
    return out;
  };
}

type Shape<T> = { [K in keyof T]-?: Check<Exclude<T[K], undefined>> };
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/**
 * A plain object with these fields. Keys listed in `optional` may be missing (or undefined); unknown keys
 * are dropped, so nothing unexpected travels further.
 */
export function object<T extends object>(shape: Shape<T>, optional: readonly OptionalKeys<T>[] = []): Check<T> {
  const keys = keysOf(shape) as (keyof T & string)[];
  const isOptional = setOf(optional as readonly string[]);
  return (x) => {
    if (!isPlainObject(x)) return undefined;
    const out: Partial<T> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const raw = field(x, key);
      if (raw === undefined && hasOwn(isOptional, key)) continue;
      const v = shape[key](raw);
      if (v === undefined) return undefined;
      put(out, key, v);
    }
    return out as T;
  };
}

/** A tagged union: picks the check by the value of `tag`. */
export function union<T extends object>(tag: string, checks: Record<string, Check<T>>): Check<T> {
  return (x) => {
    if (!isPlainObject(x)) return undefined;
    const t = field(x, tag);
    if (typeof t !== 'string' || !hasOwn(checks, t)) return undefined;
    return checks[t]!(x);
  };
}

/** JSON text to a checked value; bad JSON or too much of it is `undefined`. */
export function fromJson<T>(check: Check<T>, maxLength: number): Check<T> {
  return (x) => {
    if (typeof x !== 'string' || x.length > maxLength) return undefined;
    try {
      return check(parseJson(x));
    } catch {
      return undefined;
    }
  };
}

export function literal<const T extends string>(value: T): Check<T> {
  return (x) => (x === value ? value : undefined);
}
