/**
 * ViewerTransport over a `runtime.connect` port. The MV3 service worker can be stopped at any
 * time, which drops the port; we then reconnect by ourselves with a short backoff and say `hello`
 * again, and the worker answers with a fresh snapshot (protocol.ts). No keep-alive tricks.
 */
import browser from 'webextension-polyfill';
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
  /** First retry delay; doubles up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Messages sent while the port is down wait here. Bounded: a viewer that stays disconnected
 * for long keeps only the latest ones (a stale `get-call` is harmless to lose).
 */
const OUTBOX_CAP = 100;

function defaultOpenPort(name: string): PortLike {
  return browser.runtime.connect({ name });
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

  let port: PortLike | undefined;
  let timer: unknown;
  let delay = minDelay;
  let closed = false;
  let outbox: ToWorkerMessage[] = [];
  let onMessage: (message: ToViewerMessage) => void = () => {};
  let onStatus: (state: ConnectionState) => void = () => {};

  const hello = message<ToWorker, 'hello'>('hello', {
    protocolVersion: PROTOCOL_VERSION,
    scope: { ...scope },
  });

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
    } catch {
      scheduleReconnect();
      return;
    }
    port = current;
    current.onMessage.addListener((incoming) => {
      if (port !== current || !isToViewerMessage(incoming)) return;
      // The worker answered: it is alive, so the next drop starts the backoff afresh.
      delay = minDelay;
      onMessage(incoming);
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
