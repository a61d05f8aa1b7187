import { expect, it } from 'vitest';
import {
  SOURCE_ORIGINS, deviceSourceId, displaySourceId, ownerSourceId, sourceOriginOf, trackSourceId,
} from '../../src/source-id';

it('reads back the origin of every source id it builds', () => {
  expect(sourceOriginOf(deviceSourceId('video', 'cam:1'))).toBe('device');
  expect(sourceOriginOf(displaySourceId(3, 'audio'))).toBe('getDisplayMedia');
  for (const origin of ['canvas', 'element', 'webaudio', 'remote', 'generator'] as const) {
    expect(sourceOriginOf(ownerSourceId(origin, 7))).toBe(origin);
  }
  expect(sourceOriginOf(trackSourceId('a:b'))).toBe('track');
  expect(SOURCE_ORIGINS).toHaveLength(8);
});

it('names no origin for what a page may report that is not ours', () => {
  for (const id of ['', 'device', ':device', 'toString:1', '__proto__:1', 'Device:video:x']) {
    expect(sourceOriginOf(id), id).toBeUndefined();
  }
});

it('spells ids as the shim did before the format was declared', () => {
  expect(deviceSourceId('video', 'd1')).toBe('device:video:d1');
  expect(displaySourceId(2, 'video')).toBe('getDisplayMedia:2:video');
  expect(ownerSourceId('canvas', 4)).toBe('canvas:4');
  expect(trackSourceId('t')).toBe('track:t');
});
