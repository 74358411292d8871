/**
 * ViewerTransport over a `runtime.connect` port. The MV3 service worker can be stopped at any
 * time, which drops the port; we then reconnect by ourselves with a short backoff and say `hello`
 * again, and the worker answers with a fresh snapshot (protocol.ts). No keep-alive tricks.
 * Two things end the retries for good, with a state the viewer explains: the worker answers
 * `protocol-mismatch` (this page is of another version), or the extension context is gone (the
 * extension was updated or reloaded under an open page: every connect throws).
 */
import { extApi } from './ext-api';
import {
  isToViewerMessage,
  message,
  PROTOCOL_VERSION,
  VIEWER_PORT,
  type Scope,
  type ToViewerMessage,
  type ToWorker,
  type ToWorkerMessage,
} from '../shared/protocol';
import type { ConnectionState, ViewerTransport } from './transport';

/** The part of `runtime.Port` we use; tests hand in a fake one. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PortTransportOptions {
  openPort?: (name: string) => PortLike;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** The version this viewer says in `hello`: tests play a viewer of another version. */
  protocolVersion?: number;
  /** First retry delay; doubles up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Messages sent while the port is down wait here. Bounded: a viewer that stays disconnected
 * for long keeps only the latest ones (a stale `get-call` is harmless to lose).
 */
const OUTBOX_CAP = 100;

/** What Chromium throws on `runtime.connect` from a page whose extension was updated or reloaded. */
export function isContextInvalidated(error: unknown): boolean {
  return /context invalidated/i.test(error instanceof Error ? error.message : String(error));
}

function defaultOpenPort(name: string): PortLike {
  return extApi().runtime.connect({ name });
}

export function createPortTransport(
  scope: Scope,
  options: PortTransportOptions = {},
): ViewerTransport {
  const openPort = options.openPort ?? defaultOpenPort;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 2000;
  const protocolVersion = options.protocolVersion ?? PROTOCOL_VERSION;

  let port: PortLike | undefined;
  let timer: unknown;
  let delay = minDelay;
  let closed = false;
  let outbox: ToWorkerMessage[] = [];
  let onMessage: (message: ToViewerMessage) => void = () => {};
  let onStatus: (state: ConnectionState) => void = () => {};

  const hello = message<ToWorker, 'hello'>('hello', {
    protocolVersion,
    scope: { ...scope },
  });

  /** Nothing will come any more: no retries, and the viewer says why. */
  function stop(state: 'incompatible' | 'invalidated'): void {
    closed = true;
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const current = port;
    port = undefined;
    outbox = [];
    try {
      current?.disconnect();
    } catch {
      // Already gone with its context.
    }
    onStatus(state);
  }

  function scheduleReconnect(): void {
    if (closed || timer !== undefined) return;
    onStatus('reconnecting');
    timer = setTimer(() => {
      timer = undefined;
      open();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  }

  function dropPort(current: PortLike): void {
    if (port !== current) return;
    port = undefined;
    scheduleReconnect();
  }

  function post(current: PortLike, outgoing: ToWorkerMessage): boolean {
    try {
      current.postMessage(outgoing);
      return true;
    } catch {
      // "Attempting to use a disconnected port object": the worker went away under us.
      dropPort(current);
      return false;
    }
  }

  function open(): void {
    if (closed) return;
    let current: PortLike;
    try {
      current = openPort(VIEWER_PORT);
    } catch (error) {
      if (isContextInvalidated(error)) stop('invalidated');
      else scheduleReconnect();
      return;
    }
    port = current;
    current.onMessage.addListener((incoming) => {
      if (port !== current || !isToViewerMessage(incoming)) return;
      // The worker answered: it is alive, so the next drop starts the backoff afresh.
      delay = minDelay;
      onMessage(incoming);
      if (incoming.type === 'protocol-mismatch') stop('incompatible');
    });
    current.onDisconnect.addListener(() => dropPort(current));
    if (!post(current, hello)) return;
    onStatus('connected');
    const queued = outbox;
    outbox = [];
    for (const outgoing of queued) {
      if (!post(current, outgoing)) {
        outbox.push(outgoing);
        return;
      }
    }
  }

  return {
    connect(messageListener, statusListener) {
      onMessage = messageListener;
      onStatus = statusListener;
      closed = false;
      onStatus('connecting');
      open();
    },
    send(outgoing) {
      if (closed) return;
      if (port && post(port, outgoing)) return;
      outbox.push(outgoing);
      if (outbox.length > OUTBOX_CAP) outbox = outbox.slice(-OUTBOX_CAP);
    },
    disconnect() {
      closed = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      const current = port;
      port = undefined;
      outbox = [];
      current?.disconnect();
    },
  };
}
