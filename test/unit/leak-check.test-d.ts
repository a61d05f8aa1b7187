/**
 * The leak check's declarations (leak-check/index.d.ts) are what users are promised; the check's own types
 * (leak-check/src/check.ts) are built from them: what a check resolves to must still be what was promised.
 */
import { expectTypeOf, it } from 'vitest';
import type * as Declared from '../../leak-check/index';
import type { CheckOptions, CheckResult, Leak } from '../../leak-check/src/check';

it('resolves to what the declarations promise', () => {
  expectTypeOf<CheckResult>().toMatchTypeOf<Declared.CheckResult>();
  expectTypeOf<Leak>().toMatchTypeOf<Declared.Leak>();
  expectTypeOf<Declared.CheckOptions>().toMatchTypeOf<CheckOptions>();
});
