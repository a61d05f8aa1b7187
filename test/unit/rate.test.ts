import { expect, it } from 'vitest';
import { createBucket } from '../../src/rate';

it('allows a burst, then the sustained rate, and refills with time', () => {
  const bucket = createBucket(10, 5, 0);
  const takes = (at: number, n: number) => Array.from({ length: n }, () => bucket.take(at)).filter(Boolean).length;
  expect(takes(0, 8)).toBe(5);
  expect(takes(100, 5)).toBe(1);
  expect(takes(10_000, 10)).toBe(5);
});

it('never goes backwards when the clock does', () => {
  const bucket = createBucket(10, 1, 1000);
  expect(bucket.take(1000)).toBe(true);
  expect(bucket.take(0)).toBe(false);
});
