/**
 * The viewer's link to the worker, behind a tiny interface so that models never touch `browser.*`
 * (docs/architecture.md, practice 3). `port-transport.ts` is the real one; `fake-transport.ts` serves
 * unit tests and fixtures.
 */
import type { ToViewerMessage, ToWorkerMessage } from '../shared/protocol';
import type { ResendClient } from './resend/resend-client';

/**
 * `connecting`: first attempt, nothing heard yet. `connected`: the port is up and `hello` was
 * sent. `reconnecting`: the port dropped (the MV3 worker can be stopped at any time) and a retry
 * is scheduled. The last two are final, nothing will come: `incompatible`, the worker speaks
 * another protocol version (it said `protocol-mismatch`); `invalidated`, this page belongs to an
 * extension that was updated, reloaded or removed while it was open ("Extension context
 * invalidated").
 */
export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'incompatible' | 'invalidated';

export interface ViewerTransport {
  /** Opens the link and keeps it open until `disconnect`; says `hello` on every (re)connect. */
  connect(
    onMessage: (message: ToViewerMessage) => void,
    onStatus: (state: ConnectionState) => void,
  ): void;
  /** Sends now, or as soon as the link is back (messages sent while down are queued, bounded). */
  send(message: ToWorkerMessage): void;
  /** Closes for good: no more messages, no more reconnects. */
  disconnect(): void;
  /**
   * Resend and Compare for this view's calls, when they are not the worker's (an imported
   * file's). Absent: the worker's resend port serves them.
   */
  resender?: ResendClient;
}
