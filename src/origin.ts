/**
 * The one way Trackstop reads an origin from an address. An opaque origin (data:, a sandboxed frame, about:blank),
 * which `URL` spells "null", and an address that does not parse both have none: undefined.
 */

export function originOf(url: string | undefined): string | undefined {
  try {
    const origin = url ? new URL(url).origin : 'null';
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** What of a frame's address a record keeps for a frame with an opaque origin: no query or fragment, capped. */
export const MAX_ADDRESS = 1024;
export const addressOf = (url: string) => url.replace(/[?#].*$/s, '').slice(0, MAX_ADDRESS);
