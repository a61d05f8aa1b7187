/**
 * A relay injected into an open page after an update (Chrome re-injects nothing itself) missed the shim's bootstrap:
 * it asks the background for its document's channel, which the previous relay registered, and knocks at that door
 * (content/shim-link.ts). No announcement is heard: a page script could be the one announcing. The orphaned previous
 * relay finds its extension context gone and stays silent.
 */
import { handle, type Handlers } from '../src/messages';
import { type RelayPortApi, parseRelayPortMessage } from '../src/protocol';
import type { RelayPort } from './relay-deps';
import type { ShimLink } from './shim-link';

export interface ReattachDeps {
  /** The port just opened for asking. */
  port: RelayPort;
  link: ShimLink;
  /** Names the document to the background, with the frame. */
  timeOrigin: number;
  /** Disconnects the session's current port: nothing to adopt. */
  giveUp(): void;
  /** The line is held: the background has the channel already, and the next report carries a full snapshot. */
  onAdopted(): void;
}

export function reattach({ port, link, timeOrigin, giveUp, onAdopted }: ReattachDeps): void {
  const fromPort: Handlers<RelayPortApi> = {
    channel({ channel }) {
      if (link.isLinked) return;
      if (!channel) return giveUp();
      link.adopt(channel);
      if (!link.isLinked) return giveUp(); // a shim from before this protocol, or none
      onAdopted();
    },
    hold: () => {}, // the relay's own listener hears it (content/create-relay.ts)
  };
  port.onMessage.addListener((message) => {
    const parsed = parseRelayPortMessage(message);
    if (parsed) handle(fromPort, parsed, undefined);
  });
  port.postMessage({ type: 'reattach', data: { documentTime: timeOrigin } });
}
