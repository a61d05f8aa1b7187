/**
 * The wrappers must look native. Compared with the same Chromium without the extension: name, length, toString,
 * property descriptors, the error for a wrong receiver, and identity of returned objects.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Session, launch } from './chromium';

let clean: Session;
let wrapped: Session;
beforeAll(async () => { clean = await launch({ withExtension: false }); wrapped = await launch(); });
afterAll(async () => { await clean?.close(); await wrapped?.close(); });

/** Everything a page could look at, gathered in the page. */
const observe = () => {
  const places: [object, string, 'value' | 'set'][] = [
    [MediaDevices.prototype, 'getUserMedia', 'value'], [MediaDevices.prototype, 'getDisplayMedia', 'value'],
    [Navigator.prototype, 'webkitGetUserMedia', 'value'], [MediaStreamTrack.prototype, 'clone', 'value'],
    [MediaStreamTrack.prototype, 'stop', 'value'], [MediaStreamTrack.prototype, 'enabled', 'set'],
    [MediaStream.prototype, 'clone', 'value'], [globalThis, 'MediaStream', 'value'],
    [Function.prototype, 'toString', 'value'],
  ];
  const out: Record<string, unknown> = {};
  for (const [owner, key, part] of places) {
    const d = Object.getOwnPropertyDescriptor(owner, key)!;
    const f = d[part] as Function;
    let error = '';
    try { f.call({}); } catch (e) { error = `${(e as Error).name}: ${(e as Error).message}`; }
    out[key + part] = {
      name: f.name, length: f.length, source: Function.prototype.toString.call(f), string: String(f),
      flags: [d.enumerable, d.configurable, d.writable], hasPrototype: 'prototype' in f, error,
    };
  }
  out.constructorIdentity = MediaStream.prototype.constructor === MediaStream;
  out.instance = new MediaStream() instanceof MediaStream;
  out.globals = Object.getOwnPropertyNames(globalThis).length;
  return out;
};

it('keeps every wrapped function looking native', async () => {
  const [a, b] = await Promise.all([clean.open('blank.html'), wrapped.open('blank.html')]);
  const expected = await a.evaluate(observe);
  const actual = await b.evaluate(observe);
  expect(actual).toEqual(expected);
});

it('returns the very tracks and streams the page gets, and adds nothing to the DOM', async () => {
  const page = await wrapped.open('blank.html');
  const facts = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const [track] = stream.getTracks();
    const copy = track!.clone();
    return {
      same: stream.getTracks()[0] === track, cloneIsTrack: copy instanceof MediaStreamTrack, distinct: copy !== track,
      attributes: [...document.documentElement.attributes].map((a) => a.name),
    };
  });
  expect(facts).toEqual({ same: true, cloneIsTrack: true, distinct: true, attributes: ['lang'] });
});
