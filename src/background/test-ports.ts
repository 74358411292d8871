/**
 * For unit tests: viewer ports and the worker's end of them (acceptViewers over a fake
 * `runtime.onConnect`), so a test can connect viewers, speak for them and see what they got.
 */
import type { Runtime } from 'webextension-polyfill';
import { VIEWER_PORT, type ToViewerMessage } from '../shared/protocol';
import type { CaptureSession } from './capture-session';
import { acceptViewers, type ViewerHooks } from './viewer-ports';

export function fakeViewerPort() {
  const posted: ToViewerMessage[] = [];
  const onMessage: Array<(message: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  const port = {
    name: VIEWER_PORT,
    postMessage: (message: ToViewerMessage) => posted.push(message),
    disconnect: () => {},
    onMessage: { addListener: (l: (message: unknown) => void) => onMessage.push(l) },
    onDisconnect: { addListener: (l: () => void) => onDisconnect.push(l) },
  };
  return {
    port: port as unknown as Runtime.Port,
    posted,
    say: (message: unknown) => onMessage.forEach((l) => l(message)),
    leave: () => onDisconnect.forEach((l) => l()),
  };
}

/** The session's viewer end; `connect` opens a new viewer port to it. */
export function viewerEnd(session: CaptureSession, hooks: Partial<ViewerHooks> = {}) {
  const listeners: Array<(port: Runtime.Port) => void> = [];
  const onConnect = {
    addListener: (l: (port: Runtime.Port) => void) => listeners.push(l),
  } as unknown as Runtime.Static['onConnect'];
  acceptViewers(onConnect, session, {
    ingestDevtools: () => {},
    flushPending: async () => {},
    ...hooks,
  });
  return {
    connect: () => {
      const viewer = fakeViewerPort();
      listeners.forEach((l) => l(viewer.port));
      return viewer;
    },
  };
}
