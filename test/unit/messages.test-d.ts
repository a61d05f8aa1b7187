/**
 * Typing holds: every channel's receiver and validator must cover every message type. Type tests: vitest's typecheck
 * mode runs them through `tsc` (vitest.config.ts), so `npm test` fails when one of these assertions, or an unused
 * `@ts-expect-error`, no longer holds.
 */
import { expectTypeOf, it } from 'vitest';
import type { Arg, DataOf, Handlers, Message } from '../../src/messages';
import type { ShimApi } from '../../src/page-world';
import type { ContentApi } from '../../src/protocol';
import { messageOf } from '../../src/validate';

it('makes a forgotten handler or validator a compile error', () => {
  // @ts-expect-error: no handler for `resync`
  const handlers: Handlers<ContentApi> = { stopTracks: () => ({ results: [] }) };
  // @ts-expect-error: no check for `resync`
  const check = messageOf<ContentApi>({ stopTracks: () => undefined });
  // @ts-expect-error: a message type the channel does not have
  const unknown: Message<ContentApi> = { type: 'stopEverything', data: {} };
  expectTypeOf(handlers).toEqualTypeOf<Handlers<ContentApi>>();
  expectTypeOf(check).toBeFunction();
  expectTypeOf(unknown).toEqualTypeOf<Message<ContentApi>>();
});

it('has one message per method of the receiver, each with its method\'s data', () => {
  expectTypeOf<Message<ContentApi>['type']>().toEqualTypeOf<'stopTracks' | 'pauseTracks' | 'resync'>();
  expectTypeOf<Extract<Message<ContentApi>, { type: 'pauseTracks' }>['data']>()
    .toEqualTypeOf<{ ids: string[]; isPaused: boolean }>();
  expectTypeOf<DataOf<ShimApi, 'stop'>>().toEqualTypeOf<Arg<ShimApi['stop']>>();
  expectTypeOf<keyof Handlers<ShimApi>>().toEqualTypeOf<keyof ShimApi>();
});

it('types a handler\'s data and return value from its method', () => {
  expectTypeOf<Handlers<ContentApi>['stopTracks']>().parameter(0)
    .toEqualTypeOf<{ ids: string[]; dispatchEnded: boolean }>();
  expectTypeOf<Handlers<ContentApi>['resync']>().returns.toEqualTypeOf<void | Promise<void>>();
});
