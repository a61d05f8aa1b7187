/**
 * The relay's port to the background: at most one open at a time, opened only once the frame has something to say.
 * A port that breaks (a service-worker restart) is forgotten, and `onLost` decides whether to reconnect at once.
 */
import { RELAY_PORT } from '../src/page-world';
import type { RelayPort } from './relay-deps';

export interface PortSession {
  /** The open port, if any. */
  readonly port: RelayPort | undefined;
  /** Opens a new port and makes it the current one. Throws in an orphaned relay. */
  open(): RelayPort;
  /** Forgets the current port (it failed on use). */
  forget(): void;
}

export function createPortSession(connect: (info: { name: string }) => RelayPort, onLost: () => void): PortSession {
  let port: RelayPort | undefined;
  return {
    get port() { return port; },
    open() {
      const opened = connect({ name: RELAY_PORT });
      opened.onDisconnect.addListener(() => {
        if (port !== opened) return; // an older port, replaced already
        port = undefined;
        onLost();
      });
      port = opened;
      return opened;
    },
    forget() { port = undefined; },
  };
}
