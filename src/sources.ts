/**
 * Derived views of tracks: what kind of capture a track is, how tracks group into sources, and the badge.
 * A source is live while any of its tracks is live; that is why the views show sources, not only tracks.
 */
import type { Source, TrackRecord } from './model';
import { sourceKeyOf } from './state';
import { kindText } from './format';

/** The creator of a source's original track, read from the source id a clone shares with it. */
const SOURCE_CREATORS: Record<string, string> = {
  device: 'getUserMedia', getDisplayMedia: 'getDisplayMedia', canvas: 'canvas', element: 'element',
  webaudio: 'webaudio', remote: 'remote', generator: 'generator',
};

/**
 * What a person would call the capture: camera, microphone, screen, window, tab, canvas, remote audio, … An id that
 * the code compares; `kindText` (src/format.ts) puts it in the person's words.
 */
export function captureKind(track: Pick<TrackRecord, 'kind' | 'creator' | 'settings' | 'sourceId'>): string {
  const creator = track.creator === 'clone' ? SOURCE_CREATORS[track.sourceId.split(':')[0]!] : track.creator;
  if (creator === 'getDisplayMedia') {
    const surface = { monitor: 'screen', window: 'window', browser: 'tab' }[track.settings?.displaySurface ?? ''];
    return track.kind === 'audio' ? `${surface ?? 'screen'} audio` : (surface ?? 'screen');
  }
  if (creator === 'getUserMedia') return track.kind === 'audio' ? 'microphone' : 'camera';
  const made: Record<string, string> = { canvas: 'canvas', element: 'element capture', remote: `remote ${track.kind}`,
    webaudio: 'web audio', generator: `generated ${track.kind}` };
  return (creator && made[creator]) ?? track.kind;
}

/** True for tracks that hold a camera or microphone, which the badge shows in red. */
export const isDeviceCapture = (track: TrackRecord) => ['camera', 'microphone'].includes(captureKind(track));

/**
 * How many of a source's tracks the popup draws before the person asks for the rest: a page with 500 clones of one
 * camera would otherwise hold back the popup's first rows (npm run bench, test/bench/popup-scale.test.ts).
 */
export const TRACKS_SHOWN = 10;

/** Groups tracks by source, oldest source first. The source takes its label and kind from its oldest track. */
export function sourcesOf(tracks: readonly TrackRecord[]): Source[] {
  const groups = new Map<string, TrackRecord[]>();
  for (const track of [...tracks].sort((a, b) => a.createdAt - b.createdAt)) {
    const key = sourceKeyOf(track);
    groups.set(key, [...(groups.get(key) ?? []), track]);
  }
  return [...groups].map(([key, members]) => {
    const root = members.find((t) => t.creator !== 'clone') ?? members[0]!;
    return {
      key,
      label: root.label || kindText(captureKind(root)),
      kind: captureKind(root),
      tracks: members,
      liveCount: members.filter((t) => t.readyState === 'live').length,
    };
  });
}

export interface Badge {
  text: string;
  isDeviceLive: boolean;
}

/** The toolbar badge for a tab: the number of live tracks (empty when none), red while a camera or mic is live. */
export function badgeOf(live: readonly TrackRecord[]): Badge {
  return { text: live.length ? String(live.length) : '', isDeviceLive: live.some(isDeviceCapture) };
}

/**
 * What the browser itself says a tab is capturing: Firefox's `tabs.Tab.sharingState`
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/tabs/Tab).
 */
export interface BrowserCapture {
  camera?: boolean;
  microphone?: boolean;
  /** "Screen", "Window" or "Application" while the tab shares one. */
  screen?: string;
}

/**
 * The captures the browser reports for a tab that no live track Trackstop knows accounts for: made before Trackstop
 * was installed, or by something it cannot see. Shown plainly rather than as an empty list.
 */
export function unseenCaptures(said: BrowserCapture | undefined, live: readonly TrackRecord[]): string[] {
  if (!said) return [];
  const kinds = new Set(live.map(captureKind));
  const unseen: string[] = [];
  if (said.camera && !kinds.has('camera')) unseen.push('camera');
  if (said.microphone && !kinds.has('microphone')) unseen.push('microphone');
  const isSharing = ['screen', 'window', 'tab'].some((k) => kinds.has(k));
  if (said.screen && !isSharing) unseen.push(said.screen.toLowerCase());
  return unseen;
}
