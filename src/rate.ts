/**
 * A token bucket: `take(now)` allows `perSecond` calls per second on average and `burst` at once. Pure: the caller
 * passes the time, so tests need no clock.
 */
export interface Bucket {
  take(now: number): boolean;
}

export function createBucket(perSecond: number, burst: number, now: number): Bucket {
  let tokens = burst;
  let refilledAt = now;
  return {
    take(at) {
      tokens = Math.min(burst, tokens + (Math.max(0, at - refilledAt) / 1000) * perSecond);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens--;
      return true;
    },
  };
}
