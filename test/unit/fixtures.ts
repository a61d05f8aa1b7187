import { type FrameAddress, type TrackInfo, asFrameId, asTabId } from '../../src/model';

export const frame = (tabId = 1, frameId = 0, documentId?: string): FrameAddress => ({
  tabId: asTabId(tabId), frameId: asFrameId(frameId), origin: 'https://example.test', ...(documentId && { documentId }),
});

let clock = 0;
export function track(over: Partial<TrackInfo> = {}): TrackInfo {
  const id = over.id ?? `t${++clock}`;
  return {
    id, kind: 'video', label: 'Camera', creator: 'getUserMedia', sourceId: 'device:video:cam', readyState: 'live',
    muted: false, enabled: true, createdAt: ++clock, ...over,
  };
}
