/**
 * How a source id is spelled: `<origin>:<rest>`, where the origin says what made the source and the rest tells
 * sources of one origin apart within a frame. The shim builds them (content/page/); the domain reads the origin back
 * to tell what a clone's original was (src/capture.ts). Imports nothing: the shim loads it in every frame, so it
 * uses template strings only, no built-in a page could have replaced.
 */

export const SOURCE_ORIGINS = ['device', 'getDisplayMedia', 'canvas', 'element', 'webaudio', 'remote', 'generator',
  'track'] as const;
/** What made a source: a device, one `getDisplayMedia` call, an owner object (canvas, element, node, receiver,
 * generator), or a track that is its own source. */
export type SourceOrigin = (typeof SOURCE_ORIGINS)[number];
/** The origins whose source is one object of the page, numbered by the shim. */
export type OwnerOrigin = 'canvas' | 'element' | 'webaudio' | 'remote' | 'generator';

/** A camera or microphone: every track of one device in a frame shares it. */
export const deviceSourceId = (kind: string, deviceId: string) => `device:${kind}:${deviceId}`;
/** One `getDisplayMedia` call's track of one kind (`call` numbers the calls). */
export const displaySourceId = (call: number | string, kind: string) => `getDisplayMedia:${call}:${kind}`;
/** One canvas, element, audio node, remote receiver or generator (`n` numbers the objects). */
export const ownerSourceId = (origin: OwnerOrigin, n: number | string) => `${origin}:${n}`;
/** A track that shares its source with nothing but its own clones. */
export const trackSourceId = (trackId: string) => `track:${trackId}`;

/** The origin a source id starts with, or undefined if it is not one of ours (a page may report anything). */
export function sourceOriginOf(sourceId: string): SourceOrigin | undefined {
  const origin = sourceId.slice(0, Math.max(0, sourceId.indexOf(':')));
  return (SOURCE_ORIGINS as readonly string[]).includes(origin) ? origin as SourceOrigin : undefined;
}
