/** Messages reach their own handler, validated; the typing itself is held by messages.test-d.ts. */
import { expect, it } from 'vitest';
import { type Handlers, type Message, handle } from '../../src/messages';
import { type ShimApi, parseShimCommand } from '../../src/page-world';
import { type ContentApi, parseContentCommand } from '../../src/protocol';

it('hands a validated message to its own handler, and nothing else', () => {
  const seen: string[] = [];
  const handlers: Handlers<ContentApi> = {
    stopTracks: ({ ids }) => { seen.push(`stop ${ids.join()}`); return { results: [] }; },
    pauseTracks: ({ ids }) => { seen.push(`pause ${ids.join()}`); return { results: [] }; },
    resync: () => { seen.push('resync'); },
  };
  for (const raw of [{ type: 'resync', data: {} }, { type: 'stopTracks', data: { ids: ['a'], dispatchEnded: true } },
    { type: 'stopTracks', data: { ids: 'a' } }, { type: 'toString', data: {} }, { type: 'resync' }]) {
    const message = parseContentCommand(raw);
    if (message) handle(handlers, message, undefined);
  }
  expect(seen).toEqual(['resync', 'stop a']);
});

it.each([
  [{ type: 'snapshot', data: {} }, { type: 'snapshot', data: {} }],
  [{ type: 'stop', data: { ids: ['a'], dispatchEnded: false } },
    { type: 'stop', data: { ids: ['a'], dispatchEnded: false } }],
  [{ type: 'stop', data: { ids: ['a'] } }, undefined],
  [{ type: 'stop', ids: ['a'], dispatchEnded: false }, undefined],
  [{ type: 'snapshot' }, undefined],
])('parses the shim command %j as the shim will handle it', (raw, parsed) => {
  expect(parseShimCommand(JSON.stringify(raw)) as Message<ShimApi> | undefined).toEqual(parsed);
});
