import { describe, expect, test } from 'vitest';
import { PROTOCOL_VERSION, VIEWER_PORT, type ToViewerMessage } from '../shared/protocol';
import { createPortTransport, type PortLike } from './port-transport';
import type { ConnectionState } from './transport';

// The real polyfill refuses to load outside an extension; these tests inject their own port.

class FakePort implements PortLike {
  posted: unknown[] = [];
  alive = true;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (l: (message: unknown) => void) => this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.disconnectListeners.push(l) };
  postMessage(message: unknown): void {
    if (!this.alive) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  disconnect(): void {
    this.alive = false;
  }
  /** The worker stopped. */
  kill(): void {
    this.alive = false;
    for (const l of this.disconnectListeners) l();
  }
  emit(message: unknown): void {
    for (const l of this.messageListeners) l(message);
  }
}

function setup(options: { failOpens?: number; openError?: string; protocolVersion?: number } = {}) {
  const ports: FakePort[] = [];
  const names: string[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let failOpens = options.failOpens ?? 0;
  let invalidated = false;
  const transport = createPortTransport(
    { tabId: 5 },
    {
      openPort: (name) => {
        names.push(name);
        if (invalidated) throw new Error('Extension context invalidated.');
        if (failOpens-- > 0)
          throw new Error(options.openError ?? 'Could not establish connection.');
        const port = new FakePort();
        ports.push(port);
        return port;
      },
      setTimer: (run, ms) => timers.push({ run, ms }),
      clearTimer: () => timers.splice(0),
      protocolVersion: options.protocolVersion,
    },
  );
  const received: ToViewerMessage[] = [];
  const states: ConnectionState[] = [];
  transport.connect(
    (m) => received.push(m),
    (s) => states.push(s),
  );
  const fire = () => timers.shift()?.run();
  /** The extension is updated or reloaded: every connect from this page throws from now on. */
  const invalidate = () => {
    invalidated = true;
  };
  return { transport, ports, names, timers, received, states, fire, invalidate };
}

const hello = {
  type: 'hello',
  payload: { protocolVersion: PROTOCOL_VERSION, scope: { tabId: 5 } },
};

describe('port transport', () => {
  test('says hello first on the viewer port', () => {
    const { ports, names, states } = setup();
    expect(names).toEqual([VIEWER_PORT]);
    expect(ports[0]?.posted).toEqual([hello]);
    expect(states).toEqual(['connecting', 'connected']);
  });

  test('passes on well-formed messages only', () => {
    const { ports, received } = setup();
    const status = { type: 'status', payload: { paused: false, evicted: 0, stored: 0 } };
    ports[0]?.emit(status);
    ports[0]?.emit({ type: 'bogus', payload: {} });
    ports[0]?.emit('junk');
    expect(received).toEqual([status]);
  });

  test('reconnects with a doubling backoff and says hello again', () => {
    const { ports, timers, states, fire } = setup({});
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      ports.at(-1)?.kill();
      delays.push(timers[0]?.ms ?? -1);
      fire();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 2000]);
    expect(ports).toHaveLength(7);
    expect(ports.at(-1)?.posted).toEqual([hello]);
    expect(states.slice(0, 4)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  test('a message from the worker resets the backoff', () => {
    const { ports, timers, fire } = setup();
    ports[0]?.kill();
    fire();
    ports[1]?.kill();
    fire();
    ports[2]?.emit({ type: 'status', payload: { paused: false, evicted: 0, stored: 0 } });
    ports[2]?.kill();
    expect(timers[0]?.ms).toBe(100);
  });

  test('retries when opening the port throws', () => {
    const { ports, timers, fire, states } = setup({ failOpens: 1 });
    expect(ports).toHaveLength(0);
    expect(states).toEqual(['connecting', 'reconnecting']);
    expect(timers).toHaveLength(1);
    fire();
    expect(ports[0]?.posted).toEqual([hello]);
  });

  test('stops for good when the extension context is gone (updated or reloaded under the page)', () => {
    const { ports, timers, states, transport } = setup({
      failOpens: 1,
      openError: 'Extension context invalidated.',
    });
    expect(ports).toHaveLength(0);
    expect(states).toEqual(['connecting', 'invalidated']);
    expect(timers).toHaveLength(0);
    transport.send({ type: 'set-paused', payload: { paused: true } });
    expect(ports).toHaveLength(0);
  });

  test('a port that drops after an update ends in invalidated, not in endless retries', () => {
    const { ports, timers, fire, states, invalidate } = setup();
    invalidate();
    ports[0]?.kill();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting']);
    fire();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'invalidated']);
    expect(timers).toHaveLength(0);
    expect(ports).toHaveLength(1);
  });

  test('a worker of another version: the viewer hears why and stops asking', () => {
    const { ports, timers, states, received, transport } = setup({ protocolVersion: 0 });
    expect(ports[0]?.posted).toEqual([
      { type: 'hello', payload: { protocolVersion: 0, scope: { tabId: 5 } } },
    ]);
    const mismatch = {
      type: 'protocol-mismatch',
      payload: { workerVersion: PROTOCOL_VERSION, viewerVersion: 0 },
    };
    ports[0]?.emit(mismatch);
    expect(received).toEqual([mismatch]);
    expect(states).toEqual(['connecting', 'connected', 'incompatible']);
    expect(ports[0]?.alive).toBe(false);
    // The worker closing its end afterwards does not start the retries again.
    ports[0]?.kill();
    transport.send({ type: 'get-call', payload: { id: 'a' } });
    expect(timers).toHaveLength(0);
    expect(ports).toHaveLength(1);
  });

  test('queues while down and flushes after hello', () => {
    const { transport, ports, fire } = setup();
    ports[0]?.kill();
    transport.send({ type: 'set-paused', payload: { paused: true } });
    fire();
    expect(ports[1]?.posted).toEqual([hello, { type: 'set-paused', payload: { paused: true } }]);
  });

  test('a send on a silently dead port reconnects and keeps the message', () => {
    const { transport, ports, timers, fire } = setup();
    const port = ports[0];
    if (port) port.alive = false;
    transport.send({ type: 'get-call', payload: { id: 'a' } });
    expect(timers).toHaveLength(1);
    fire();
    expect(ports[1]?.posted).toEqual([hello, { type: 'get-call', payload: { id: 'a' } }]);
  });

  test('disconnect stops everything', () => {
    const { transport, ports, timers, received } = setup();
    transport.disconnect();
    expect(ports[0]?.alive).toBe(false);
    ports[0]?.kill();
    ports[0]?.emit({ type: 'status', payload: { paused: false, evicted: 0, stored: 0 } });
    expect(timers).toHaveLength(0);
    expect(received).toHaveLength(0);
  });
});
