/**
 * Viewer ports: one per open viewer (DevTools panel or tab page). A viewer says `hello` with its
 * scope, gets a paged snapshot, then live batches of what changed in its scope.
 */
import type { Runtime } from 'webextension-polyfill';
import type { Observation } from '../session/observation';
import type { Scope, ToViewerMessage } from '../shared/protocol';
import { PROTOCOL_VERSION, VIEWER_PORT, isToWorkerMessage, message } from '../shared/protocol';
import type { ToViewer } from '../shared/protocol';
import type { CaptureSession, Change } from './capture-session';

/** Calls per snapshot message: large enough to be quick, small enough not to stall the port. */
export const SNAPSHOT_PAGE = 500;

interface Viewer {
  port: Runtime.Port;
  scope?: Scope;
}

function post(viewer: Viewer, msg: ToViewerMessage): void {
  try {
    viewer.port.postMessage(msg);
  } catch {
    // The viewer went away between our check and the post; its onDisconnect cleans up.
  }
}

function inScope(scope: Scope, tabId: number): boolean {
  return scope.tabId === undefined || scope.tabId === tabId;
}

async function sendSnapshot(session: CaptureSession, viewer: Viewer, scope: Scope): Promise<void> {
  await session.ready();
  const calls = session.calls(scope);
  const pages = session.pagesIn(scope);
  const status = session.status(scope);
  const count = Math.max(1, Math.ceil(calls.length / SNAPSHOT_PAGE));
  for (let i = 0; i < count; i++) {
    const slice = calls.slice(i * SNAPSHOT_PAGE, (i + 1) * SNAPSHOT_PAGE);
    const payload: ToViewer['snapshot'] = {
      calls: slice,
      pages: i === 0 ? pages : [],
      reset: i === 0,
      done: i === count - 1,
      status,
    };
    post(viewer, message<ToViewer, 'snapshot'>('snapshot', payload));
  }
}

export function acceptViewers(
  onConnect: Runtime.Static['onConnect'],
  session: CaptureSession,
  ingestDevtools: (obs: Observation) => void,
): void {
  const viewers = new Set<Viewer>();

  session.onChange((change: Change) => {
    for (const viewer of viewers) {
      const scope = viewer.scope;
      if (!scope) continue;
      if (change.cleared)
        post(viewer, message<ToViewer, 'cleared'>('cleared', { scope: change.cleared }));
      const pages = change.pages.filter((p) => inScope(scope, p.tabId));
      if (pages.length)
        post(viewer, message<ToViewer, 'pages-upserted'>('pages-upserted', { pages }));
      const calls = change.calls.filter((c) => inScope(scope, c.tabId));
      if (calls.length)
        post(viewer, message<ToViewer, 'calls-upserted'>('calls-upserted', { calls }));
      const ids = change.removed.filter((c) => inScope(scope, c.tabId)).map((c) => c.id);
      if (ids.length) post(viewer, message<ToViewer, 'calls-removed'>('calls-removed', { ids }));

      if (change.statusChanged || calls.length)
        post(viewer, message<ToViewer, 'status'>('status', session.status(scope)));
    }
  });

  onConnect.addListener((port) => {
    if (port.name !== VIEWER_PORT) return;
    const viewer: Viewer = { port };
    viewers.add(viewer);
    port.onDisconnect.addListener(() => viewers.delete(viewer));
    port.onMessage.addListener((raw: unknown) => {
      if (!isToWorkerMessage(raw)) return;
      switch (raw.type) {
        case 'hello': {
          if (raw.payload.protocolVersion !== PROTOCOL_VERSION) return;
          const tabId = raw.payload.scope?.tabId;
          const scope: Scope = typeof tabId === 'number' ? { tabId } : {};
          viewer.scope = scope;
          void sendSnapshot(session, viewer, scope);
          break;
        }
        case 'get-call':
          void session
            .detail(String(raw.payload.id))
            .then((detail) =>
              post(
                viewer,
                message<ToViewer, 'call-detail'>('call-detail', { id: raw.payload.id, detail }),
              ),
            );
          break;
        case 'clear':
          void session.clear(viewer.scope ?? {});
          break;
        case 'set-paused':
          void session.setPaused(raw.payload.paused === true);
          break;
        case 'devtools-entry':
          if (raw.payload.observation?.source === 'devtools')
            ingestDevtools(raw.payload.observation);
          break;
      }
    });
  });
}
