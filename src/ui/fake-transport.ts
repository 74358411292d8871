/**
 * In-memory ViewerTransport for unit tests and fixtures: records what the viewer sends and lets
 * the test play the worker (`deliver`) or kill it (`drop` / `restore`).
 */
import type { ToViewerMessage, ToWorkerMessage } from '../shared/protocol';
import type { ConnectionState, ViewerTransport } from './transport';
import { createViewerModel } from './viewer-model';

export interface FakeTransport extends ViewerTransport {
  readonly sent: ToWorkerMessage[];
  readonly states: ConnectionState[];
  readonly connected: boolean;
  deliver(message: ToViewerMessage): void;
  /** Simulates the worker stopping: the viewer sees `reconnecting`. */
  drop(): void;
  /** Simulates the reconnect: the viewer sees `connected`. */
  restore(): void;
  /** Simulates an end for good: another protocol version, or the extension context gone. */
  end(state: 'incompatible' | 'invalidated'): void;
}

export function createFakeTransport(): FakeTransport {
  const sent: ToWorkerMessage[] = [];
  const states: ConnectionState[] = [];
  let onMessage: ((message: ToViewerMessage) => void) | undefined;
  let onStatus: ((state: ConnectionState) => void) | undefined;
  let up = false;

  function status(state: ConnectionState): void {
    states.push(state);
    onStatus?.(state);
  }

  return {
    sent,
    states,
    get connected() {
      return up;
    },
    connect(messageListener, statusListener) {
      onMessage = messageListener;
      onStatus = statusListener;
      up = true;
      status('connected');
    },
    send(message) {
      sent.push(message);
    },
    disconnect() {
      up = false;
      onMessage = undefined;
      onStatus = undefined;
    },
    deliver(message) {
      onMessage?.(message);
    },
    drop() {
      up = false;
      status('reconnecting');
    },
    restore() {
      up = true;
      status('connected');
    },
    end(state) {
      up = false;
      status(state);
    },
  };
}

/** A started viewer model for tab 7 on a fake transport, flushing its updates on a microtask. */
export function startedViewerModel() {
  const transport = createFakeTransport();
  const model = createViewerModel({
    scope: { tabId: 7 },
    transport,
    schedule: (flush) => {
      queueMicrotask(flush);
      return () => {};
    },
  });
  model.start();
  return { model, transport };
}
