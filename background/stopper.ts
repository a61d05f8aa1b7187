/**
 * Carries a stop or a pause from the UI to the pages: one `stopTracks` or `pauseTracks` command per frame, through
 * that frame's relay, and turns each answer into a result per track. The page reads `readyState` (or `enabled`) back
 * itself; a frame that cannot be reached is `gone`, an answer that does not parse is `failed`.
 */
import type { ControlResult, ControlTarget } from '../src/model';
import type { Message } from '../src/messages';
import type { PageControlResult } from '../src/page-world';
import { type ContentApi, parseStopReply } from '../src/protocol';
import { type ControlPlan, planControl } from '../src/control-plan';
import type { State } from '../src/state';
import { t } from '../src/i18n';

export type SendToFrame = (tabId: number, message: Message<ContentApi>, frameId: number) => Promise<unknown>;

/** A frame that does not answer within this long is reported as failed, not waited on forever. */
const ANSWER_TIMEOUT_MS = 5000;

/** What to do to each track: stop it (and whether to dispatch `ended`), or pause or resume it. */
export type Control = { type: 'stop'; dispatchEnded: boolean } | { type: 'pause'; isPaused: boolean };

export async function controlTarget(
  state: State, target: ControlTarget, send: SendToFrame, control: Control,
): Promise<ControlResult[]> {
  const perFrame = await Promise.all(planControl(state, target).map((plan) => controlInFrame(plan, send, control)));
  return perFrame.flat();
}

function commandOf(ids: string[], control: Control): Message<ContentApi> {
  return control.type === 'stop'
    ? { type: 'stopTracks', data: { ids, dispatchEnded: control.dispatchEnded } }
    : { type: 'pauseTracks', data: { ids, isPaused: control.isPaused } };
}

async function controlInFrame(plan: ControlPlan, send: SendToFrame, control: Control): Promise<ControlResult[]> {
  const { tabId, frameId } = plan;
  const result = (r: Omit<PageControlResult, 'id'>, trackId: string): ControlResult =>
    ({ tabId, frameId, trackId, ...r });
  let answer: unknown;
  try {
    answer = await withTimeout(send(tabId, commandOf(plan.trackIds, control), frameId));
  } catch (error) {
    const isTimeout = error === TIMEOUT;
    return plan.trackIds.map((id) => result(isTimeout
      ? { outcome: 'failed', reason: t('reasonNoAnswerInTime') }
      : { outcome: 'gone', reason: t('reasonFrameGone') }, id));
  }
  const reply = parseStopReply(answer);
  return plan.trackIds.map((id) => {
    const found = reply?.results.find((r) => r.id === id);
    return found ? result(found, id) : result({ outcome: 'failed', reason: t('reasonNoValidAnswer') }, id);
  });
}

const TIMEOUT = Symbol('timeout');

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(TIMEOUT), ANSWER_TIMEOUT_MS); });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
