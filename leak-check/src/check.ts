/**
 * The check itself, the same for every runner: the snapshots the readers answered with become the extension's own
 * records (src/state.ts), its leak flags (src/leaks.ts), its words (src/leak-text.ts, English) and its report
 * (src/report.ts, docs/report-schema.json). Nothing here stops or changes a track: a snapshot only reads.
 */
import messages from '../../_locales/en/messages.json';
import { captureKind } from '../../src/capture';
import { messagesFrom, useMessages } from '../../src/i18n';
import { type FrameId, type TabId, type TrackInfo, type TrackRecord } from '../../src/model';
import { parseRelayPageMessage } from '../../src/protocol';
import { type Report, type ReportTrack, buildReport } from '../../src/report';
import { emptyState, reduce, tabView } from '../../src/state';
import { stackFrames } from '../../src/stack';
import { type Answer, type Hub, LeakCheckError } from './hub';

useMessages(messagesFrom(messages as Record<string, { message: string }>), 'en');

export const VERSION = '0.1.0';

// The package's promises are its declarations (leak-check/index.d.ts); the check's own types are those, with the
// report's types from src/report.ts where the declarations restate them for users, so that neither is written twice.
import type * as Declared from '../index';

export type CheckOptions = Omit<Declared.CheckOptions, 'ignore'> & {
  /** Tracks to leave out: their labels, or a predicate. */
  ignore?: string[] | ((track: ReportTrack) => boolean);
};

/** One leaked track, as a failure names it. */
export interface Leak extends Omit<Declared.Leak, 'track'> {
  track: ReportTrack;
}

export interface CheckResult extends Omit<Declared.CheckResult, 'tracks' | 'leaks' | 'report'> {
  tracks: ReportTrack[];
  leaks: Leak[];
  report: Report;
}

/** What the check needs of a runner's page. */
export interface PageFacts {
  url: string;
  /** The addresses of the page's frames now: the check waits a little for a document at each to have called. */
  frameUrls?: string[];
  title?: string | undefined;
}

function recordsOf(answers: Answer[]): { from: Parameters<typeof reduce>[1] }[] {
  const actions: { from: Parameters<typeof reduce>[1] }[] = [];
  let next = 1;
  const ordered = [...answers].sort((a, b) => Number(b.isTop) - Number(a.isTop));
  let hasTop = false;
  for (const answer of ordered) {
    (answer.lines ?? []).forEach((messagesOfLine, i) => {
      let snapshot: TrackInfo[] | undefined;
      for (const text of messagesOfLine) {
        const message = parseRelayPageMessage(text);
        if (message?.type === 'snapshot') snapshot = message.data;
      }
      if (!snapshot) return;
      const isTop = answer.isTop && i === 0 && !hasTop;
      hasTop ||= isTop;
      const frameId = (isTop ? 0 : next++) as FrameId;
      actions.push({ from: { type: 'reported', events: [], snapshot, dropped: {},
        from: { tabId: 1 as TabId, frameId, origin: answer.origin, url: answer.url, documentId: answer.doc } } });
    });
  }
  return actions;
}

const isIgnored = (track: ReportTrack, options: CheckOptions) =>
  typeof options.ignore === 'function' ? options.ignore(track) : !!options.ignore?.includes(track.label);

const isOfKinds = (track: TrackRecord, kinds: string[] | undefined) =>
  !kinds || kinds.includes(track.kind) || kinds.includes(captureKind(track));

/** The frames of a stack that point at a file: the app's frames, as `file:line:column`. */
export const appFramesOf = (stack: string | undefined) => stackFrames(stack)
  .filter((f) => f.url && !f.url.startsWith('chrome-extension:') && !f.url.startsWith('moz-extension:'))
  .map((f) => `${f.url}:${f.line}:${f.column}`);

/** The report and leaks from the readers' answers. */
export function resultOf(
  answers: Answer[], page: PageFacts, options: CheckOptions = {}, now = Date.now(),
): CheckResult {
  let state = emptyState();
  for (const { from } of recordsOf(answers)) state = reduce(state, from, now);
  const view = tabView(state, 1 as TabId);
  const report = buildReport(view, { version: VERSION, url: page.url, title: page.title }, now,
    { leakDelayMs: options.settleMs ?? 0, hiddenLeakMs: 0 });
  const tracks = report.tracks.filter((t) => isOfKinds(t, options.kinds) && !isIgnored(t, options));
  const leaks = tracks.filter((t) => t.flags.length).map((track): Leak => ({
    id: track.id, kind: track.kind, captureKind: captureKind(track), label: track.label,
    reason: track.flags[0]!.text, reasons: track.flags.map((f) => f.text), hint: track.flags[0]!.hint,
    stack: track.stack ?? '', appFrames: appFramesOf(track.stack), origin: track.origin,
    fedBefore: track.formerSinks ?? [], track,
  }));
  return { tracks, leaks, report };
}

/** Live camera, microphone and screen tracks: what "after leaving the call" must not hold. */
export const liveCaptureOf = (result: CheckResult) => result.tracks.filter((t) => t.readyState === 'live'
  && (t.creator === 'getUserMedia' || t.creator === 'getDisplayMedia' || (t.creator === 'clone'
    && /^(camera|microphone|screen|window|tab)/.test(captureKind(t)))));

/** Asks a hub's documents and builds the result; every failure of the check is a LeakCheckError with a message. */
export async function checkHub(hub: Hub, page: PageFacts & { isClosed: boolean }, options: CheckOptions = {}):
  Promise<CheckResult> {
  if (page.isClosed) throw new LeakCheckError('The page is closed: check for leaks before closing it.');
  if (page.frameUrls) await hub.awaitDocuments(page.frameUrls.slice(0, 1), 2000);
  if (hub.finalReason) throw new LeakCheckError(hub.finalReason);
  if (!hub.hasDocuments || page.url === '' || page.url === 'about:blank') {
    throw new LeakCheckError(`No document of this page has loaded since the leak check was installed (the page is at `
      + `${page.url || 'about:blank'}): load the app first (page.goto), then check.`);
  }
  if (page.frameUrls) await hub.awaitDocuments(page.frameUrls, 2000);
  if (hub.finalReason) throw new LeakCheckError(hub.finalReason);
  const answers = await hub.collect(options.timeoutMs ?? 5000);
  return resultOf(answers, page, options);
}
