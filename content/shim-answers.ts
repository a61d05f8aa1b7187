/**
 * Asking the shim: a command goes on the line (content/shim-link.ts) to every shim the relay holds, and each answers
 * at once, from inside `dispatchEvent`. Their answers are merged into one.
 */
import type { Message, Ret } from '../src/messages';
import type { PageControlResult, RelayPageApi, ShimApi } from '../src/page-world';
import type { ContentApi } from '../src/protocol';
import type { ShimLink } from './shim-link';

export interface ShimAsker {
  /** True while the shim answers a command: its answer is the relay's own, never rate-limited. */
  readonly isAsking: boolean;
  /** Sends a command and returns the merged answers of every shim. */
  ask(command: Message<ShimApi>): Message<RelayPageApi> | undefined;
  /** An answer heard on the line (content/create-relay.ts hands them here). */
  hear(answer: Message<RelayPageApi>): void;
}

export function createAsker(link: ShimLink): ShimAsker {
  let isAsking = false;
  let answer: Message<RelayPageApi> | undefined;
  return {
    get isAsking() { return isAsking; },
    ask(command) {
      answer = undefined;
      isAsking = true;
      try {
        link.send(command);
      } finally {
        isAsking = false;
      }
      return answer;
    },
    hear(heard) {
      if (heard.type === 'snapshot') {
        answer = { type: 'snapshot', data: answer?.type === 'snapshot' ? [...answer.data, ...heard.data] : heard.data };
      } else if (heard.type === 'answered') {
        const earlier = answer?.type === 'answered' ? answer.data.results : [];
        answer = { type: 'answered', data: { results: [...earlier, ...heard.data.results] } };
      }
    },
  };
}

/**
 * One result for every track asked about, from the answers of every shim: a shim that never had the track says
 * `gone`, the one that has it says what came of it. A track no shim answered for failed, for `reason`.
 */
export function resultsFor(
  ids: string[], answered: PageControlResult[], reason: string,
): Ret<ContentApi['stopTracks']> {
  const resultOf = (id: string) =>
    answered.find((r) => r.id === id && r.outcome !== 'gone') ?? answered.find((r) => r.id === id);
  return { results: ids.map((id) => resultOf(id) ?? { id, outcome: 'failed', reason }) };
}
