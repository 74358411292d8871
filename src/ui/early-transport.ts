/**
 * A transport connected before its viewer exists. The panel's first script connects at once and
 * loads the viewer's code meanwhile (devtools/panel.tsx): the worker's hello, snapshot and first
 * rows then travel while that code loads, instead of after it. What arrives before the viewer
 * connects is held, then handed over in order, with the latest connection state.
 */
import type { ToViewerMessage } from '../shared/protocol';
import type { ConnectionState, ViewerTransport } from './transport';

export function connectEarly(
  transport: ViewerTransport,
  local?: Promise<ToViewerMessage | undefined>,
): ViewerTransport {
  let held: ToViewerMessage[] | undefined = [];
  let heldState: ConnectionState | undefined;
  let onMessage: ((message: ToViewerMessage) => void) | undefined;
  let onStatus: ((state: ConnectionState) => void) | undefined;
  let snapshotCame = false;
  const pass = (message: ToViewerMessage) => (onMessage ? onMessage(message) : held?.push(message));
  transport.connect(
    (message) => {
      if (message.type === 'snapshot') snapshotCame = true;
      pass(message);
    },
    (state) => (onStatus ? onStatus(state) : (heldState = state)),
  );
  void local?.then(
    (preview) => {
      if (preview && !snapshotCame) pass(preview);
    },
    () => undefined,
  );
  return {
    ...transport,
    connect(message, status) {
      onMessage = message;
      onStatus = status;
      if (heldState !== undefined) status(heldState);
      const waiting = held ?? [];
      held = undefined;
      for (const each of waiting) message(each);
    },
  };
}
