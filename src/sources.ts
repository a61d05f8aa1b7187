/**
 * Derived views of tracks: how tracks group into sources, the badge, and the captures the browser reports that no
 * track accounts for. A source is live while any of its tracks is live; that is why the views show sources, not only
 * tracks. Codes only: the UI puts them in words.
 */
import { captureKind, isDeviceCapture } from './capture';
import { type Source, type TrackRecord, sourceKeyOf } from './model';

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
      label: root.label,
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
  const kinds = new Set<string>(live.map(captureKind));
  const unseen: string[] = [];
  if (said.camera && !kinds.has('camera')) unseen.push('camera');
  if (said.microphone && !kinds.has('microphone')) unseen.push('microphone');
  const isSharing = ['screen', 'window', 'tab'].some((k) => kinds.has(k));
  if (said.screen && !isSharing) unseen.push(said.screen.toLowerCase());
  return unseen;
}
