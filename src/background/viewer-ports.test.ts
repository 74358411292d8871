/**
 * The worker's end of the viewer handshake: a hello of this version gets a snapshot, a hello of
 * any other version (an older panel left open across an update, or a newer one) gets
 * `protocol-mismatch` and nothing else, whatever it sends next.
 */
import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, VIEWER_PORT, type ToViewerMessage } from '../shared/protocol';
import { CaptureSession } from './capture-session';
import { memoryStore } from './test-store';
import { acceptViewers } from './viewer-ports';

function fakePort() {
  const posted: ToViewerMessage[] = [];
  const onMessage: Array<(message: unknown) => void> = [];
  const port = {
    name: VIEWER_PORT,
    postMessage: (message: ToViewerMessage) => posted.push(message),
    disconnect: () => {},
    onMessage: { addListener: (l: (message: unknown) => void) => onMessage.push(l) },
    onDisconnect: { addListener: () => {} },
  };
  const say = (message: unknown) => onMessage.forEach((l) => l(message));
  return { port: port as unknown as Runtime.Port, posted, say };
}

function worker() {
  const listeners: Array<(port: Runtime.Port) => void> = [];
  const onConnect = {
    addListener: (l: (port: Runtime.Port) => void) => listeners.push(l),
  } as unknown as Runtime.Static['onConnect'];
  const session = new CaptureSession(Promise.resolve(memoryStore()));
  acceptViewers(onConnect, session, { ingestDevtools: () => {}, flushPending: async () => {} });
  const connect = () => {
    const viewer = fakePort();
    listeners.forEach((l) => l(viewer.port));
    return viewer;
  };
  return { session, connect };
}

const hello = (protocolVersion: unknown) => ({
  type: 'hello',
  payload: { protocolVersion, scope: { tabId: 3 } },
});

describe('viewer handshake, worker side', () => {
  it('answers a hello of its own version with a snapshot', async () => {
    const { session, connect } = worker();
    const viewer = connect();
    viewer.say(hello(PROTOCOL_VERSION));
    await session.ready();
    await expect.poll(() => viewer.posted.map((m) => m.type)).toEqual(['snapshot']);
  });

  it.each([
    { who: 'an older viewer (left open across an update)', version: PROTOCOL_VERSION - 1 },
    { who: 'a newer viewer', version: PROTOCOL_VERSION + 1 },
    { who: 'a viewer with no number', version: 'one' },
  ])('tells $who that the versions differ, and nothing else', async ({ version }) => {
    const { session, connect } = worker();
    const viewer = connect();
    viewer.say(hello(version));
    viewer.say({ type: 'get-call', payload: { id: 'x' } });
    viewer.say({ type: 'clear', payload: { scope: {} } });
    await session.ready();
    expect(viewer.posted).toEqual([
      {
        type: 'protocol-mismatch',
        payload: {
          workerVersion: PROTOCOL_VERSION,
          viewerVersion: typeof version === 'number' ? version : -1,
        },
      },
    ]);
  });
});
