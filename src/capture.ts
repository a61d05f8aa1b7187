/**
 * What kind of capture a track is (camera, microphone, screen, …), as a code (`CaptureKind`): the domain compares
 * codes; src/format.ts `kindText` puts one in words.
 */
import type { CaptureKind, Creator, HoldKind, TrackRecord } from './model';
import { type SourceOrigin, sourceOriginOf } from './source-id';

/** The creator of a source's original track, read from the source id a clone shares with it. */
const SOURCE_CREATORS: Record<SourceOrigin, Creator | undefined> = {
  device: 'getUserMedia', getDisplayMedia: 'getDisplayMedia', canvas: 'canvas', element: 'element',
  webaudio: 'webaudio', remote: 'remote', generator: 'generator', track: undefined,
};

const SURFACES: Record<string, 'screen' | 'window' | 'tab'> = { monitor: 'screen', window: 'window', browser: 'tab' };

/** What a person would call the capture: camera, microphone, screen, window, tab, canvas, remote audio, … */
export function captureKind(track: Pick<TrackRecord, 'kind' | 'creator' | 'settings' | 'sourceId'>): CaptureKind {
  const origin = sourceOriginOf(track.sourceId);
  const creator = track.creator === 'clone' ? origin && SOURCE_CREATORS[origin] : track.creator;
  if (creator === 'getDisplayMedia') {
    const surface = SURFACES[track.settings?.displaySurface ?? ''] ?? 'screen';
    return track.kind === 'audio' ? `${surface} audio` : surface;
  }
  if (creator === 'getUserMedia') return track.kind === 'audio' ? 'microphone' : 'camera';
  const made: Partial<Record<Creator, CaptureKind>> = { canvas: 'canvas', element: 'element capture',
    remote: `remote ${track.kind}`, webaudio: 'web audio', generator: `generated ${track.kind}` };
  return (creator && made[creator]) ?? track.kind;
}

/** True for tracks that hold a camera or microphone, which the badge shows in red. */
export const isDeviceCapture = (track: TrackRecord) => ['camera', 'microphone'].includes(captureKind(track));

const SCREEN_CAPTURES: readonly CaptureKind[] = ['screen', 'window', 'tab', 'screen audio', 'window audio',
  'tab audio'];

/**
 * What a hold of this track's kind refuses: its camera, its microphone or its screen (also the popup's and the
 * badge's classes of capture, src/overview.ts); nothing for other tracks.
 */
export function holdKindOf(
  track: Pick<TrackRecord, 'kind' | 'creator' | 'settings' | 'sourceId'>,
): HoldKind | undefined {
  const kind = captureKind(track);
  if (kind === 'camera' || kind === 'microphone') return kind;
  return SCREEN_CAPTURES.includes(kind) ? 'screen' : undefined;
}
