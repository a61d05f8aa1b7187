/**
 * Small runtime checks for data that crosses a trust boundary. Each returns the typed value or `undefined`;
 * none throws, whatever it is given (getters that throw, proxies, cycles are all read defensively).
 */

import type { Arg, Message } from './messages';

export type Check<T> = (x: unknown) => T | undefined;

/** Reads an own data property without running getters or proxy traps that could throw. */
function field(x: object, key: string): unknown {
  try {
    const d = Object.getOwnPropertyDescriptor(x, key);
    return d && 'value' in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  try {
    const proto = Object.getPrototypeOf(x);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

export const str = (max: number): Check<string> => (x) => (typeof x === 'string' && x.length <= max ? x : undefined);

/** A string cut to `max` characters: for text the page may make long, where the start is still worth showing. */
export const capped = (max: number): Check<string> => (x) =>
  typeof x === 'string' ? (x.length <= max ? x : `${x.slice(0, max - 1)}…`) : undefined;

export const int = (min: number, max: number): Check<number> => (x) =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : undefined;

export const num: Check<number> = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

export const bool: Check<boolean> = (x) => (typeof x === 'boolean' ? x : undefined);

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  return (x) => (typeof x === 'string' && (values as readonly string[]).includes(x) ? (x as T[number]) : undefined);
}

/** An array of at most `max` items, each valid; one bad item rejects the whole array. */
export function arrayOf<T>(item: Check<T>, max: number): Check<T[]> {
  return (x) => {
    if (!Array.isArray(x) || x.length > max) return undefined;
    const out: T[] = [];
    for (let i = 0; i < x.length; i++) {
      const v = item(field(x, String(i)));
      if (v === undefined) return undefined;
      out.push(v);
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
  const keys = Object.keys(shape) as (keyof T & string)[];
  return (x) => {
    if (!isPlainObject(x)) return undefined;
    const out: Partial<T> = {};
    for (const key of keys) {
      const raw = field(x, key);
      if (raw === undefined && (optional as readonly string[]).includes(key)) continue;
      const v = shape[key](raw);
      if (v === undefined) return undefined;
      out[key] = v as T[typeof key];
    }
    return out as T;
  };
}

/** A tagged union: picks the check by the value of `tag`. */
export function union<T extends object>(tag: string, checks: Record<string, Check<T>>): Check<T> {
  return (x) => {
    if (!isPlainObject(x)) return undefined;
    const t = field(x, tag);
    if (typeof t !== 'string' || !Object.prototype.hasOwnProperty.call(checks, t)) return undefined;
    return checks[t]!(x);
  };
}

/**
 * The messages of one channel: `{type, data}` with `type` one of `Api`'s methods and `data` checked by that method's
 * check. The map needs a check for every method, so a new message type cannot go unchecked.
 */
export function messageOf<Api>(checks: { [K in keyof Api]-?: Check<Arg<Api[K]>> }): Check<Message<Api>> {
  return (x) => {
    if (!isPlainObject(x)) return undefined;
    const type = field(x, 'type');
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(checks, type)) return undefined;
    const data = (checks[type as keyof Api] as Check<unknown>)(field(x, 'data'));
    return data === undefined ? undefined : ({ type, data } as Message<Api>);
  };
}

/** JSON text to a checked value; bad JSON or too much of it is `undefined`. */
export function fromJson<T>(check: Check<T>, maxLength: number): Check<T> {
  return (x) => {
    if (typeof x !== 'string' || x.length > maxLength) return undefined;
    try {
      return check(JSON.parse(x));
    } catch {
      return undefined;
    }
  };
}

export function literal<const T extends string>(value: T): Check<T> {
  return (x) => (x === value ? value : undefined);
}
