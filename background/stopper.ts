/**
 * Carries a stop from the UI to the pages: one `stopTracks` command per frame, through that frame's relay, and
 * turns each answer into a result per track. The page reads `readyState` back itself; a frame that cannot be
 * reached is `gone`, an answer that does not parse is `failed`.
 */
import type { StopResult, StopTarget } from '../src/model';
import { type ContentApi, type Message, type PageStopResult, parseStopReply } from '../src/protocol';
import { type State, type StopPlan, planStop } from '../src/state';

export type SendToFrame = (tabId: number, message: Message<ContentApi>, frameId: number) => Promise<unknown>;

/** A frame that does not answer within this long is reported as failed, not waited on forever. */
const ANSWER_TIMEOUT_MS = 5000;

export async function stopTarget(
  state: State, target: StopTarget, send: SendToFrame, dispatchEnded: boolean,
): Promise<StopResult[]> {
  const perFrame = await Promise.all(planStop(state, target).map((plan) => stopInFrame(plan, send, dispatchEnded)));
  return perFrame.flat();
}

async function stopInFrame(plan: StopPlan, send: SendToFrame, dispatchEnded: boolean): Promise<StopResult[]> {
  const { tabId, frameId } = plan;
  const result = (r: Omit<PageStopResult, 'id'>, trackId: string): StopResult => ({ tabId, frameId, trackId, ...r });
  let answer: unknown;
  try {
    const command = { type: 'stopTracks', data: { ids: plan.trackIds, dispatchEnded } } as const;
    answer = await withTimeout(send(tabId, command, frameId));
  } catch (error) {
    const isTimeout = error === TIMEOUT;
    return plan.trackIds.map((id) => result(isTimeout
      ? { outcome: 'failed', reason: 'the page did not answer in time' }
      : { outcome: 'gone', reason: 'the frame no longer exists' }, id));
  }
  const reply = parseStopReply(answer);
  return plan.trackIds.map((id) => {
    const found = reply?.results.find((r) => r.id === id);
    return found ? result(found, id) : result({ outcome: 'failed', reason: 'the page gave no valid answer' }, id);
  });
}

const TIMEOUT = Symbol('timeout');

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(TIMEOUT), ANSWER_TIMEOUT_MS); });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
