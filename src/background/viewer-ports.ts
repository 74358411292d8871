/**
 * Viewer ports: one per open viewer (DevTools panel or tab page). A viewer says `hello` with its
 * scope, gets a paged snapshot, then live batches of what changed in its scope.
 */
import type { Runtime } from 'webextension-polyfill';
import type { Observation } from '../session/observation';
import type { Scope, ToViewerMessage } from '../shared/protocol';
import {
  PROTOCOL_VERSION,
  VIEWER_PORT,
  inScope,
  isToWorkerMessage,
  message,
} from '../shared/protocol';
import type { ToViewer } from '../shared/protocol';
import type { CaptureSession, Change } from './capture-session';

/** Calls per snapshot message: large enough to be quick, small enough not to stall the port. */
export const SNAPSHOT_PAGE = 500;
/** Calls with bodies per export message (bodies average a few KB). */
export const DETAILS_PAGE = 200;

interface Viewer {
  port: Runtime.Port;
  scope?: Scope;
  /** Said hello with another protocol version: told so, and not listened to any more. */
  mismatched?: boolean;
}

function post(viewer: Viewer, msg: ToViewerMessage): void {
  try {
    viewer.port.postMessage(msg);
  } catch {
    // The viewer went away between our check and the post; its onDisconnect cleans up.
  }
}

async function sendSnapshot(session: CaptureSession, viewer: Viewer, scope: Scope): Promise<void> {
  // A cold worker reads the whole store first: the newest calls go ahead of that, from the store
  // itself, so the viewer has rows to show meanwhile. The snapshot below replaces them.
  const preview = await session.preview(scope);
  if (preview?.calls.length) {
    const payload: ToViewer['snapshot'] = {
      ...preview,
      reset: true,
      done: false,
      status: session.status(scope),
    };
    post(viewer, message<ToViewer, 'snapshot'>('snapshot', payload));
  }
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

/** Bodies for an export, in pages so that one port message never carries the whole session. */
async function sendDetails(
  session: CaptureSession,
  viewer: Viewer,
  ids: string[],
  request: string,
): Promise<void> {
  for (let i = 0; i < ids.length || i === 0; i += DETAILS_PAGE) {
    const details = await session.allWithBodies(ids.slice(i, i + DETAILS_PAGE));
    const done = i + DETAILS_PAGE >= ids.length;
    post(viewer, message<ToViewer, 'calls-detail'>('calls-detail', { request, details, done }));
  }
}

export interface ViewerHooks {
  /** DevTools panel entries, a capture source of their own. */
  ingestDevtools: (obs: Observation) => void;
  /** Writes what the worker has gathered but not stored yet (ingest-batcher.ts). */
  flushPending: () => Promise<void>;
  /** Told the number of viewers whenever one connects or leaves. */
  viewersChanged?: (count: number) => void;
}

/** Returns how many viewers are connected now. */
export function acceptViewers(
  onConnect: Runtime.Static['onConnect'],
  session: CaptureSession,
  { ingestDevtools, flushPending, viewersChanged }: ViewerHooks,
): () => number {
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
    viewersChanged?.(viewers.size);
    port.onDisconnect.addListener(() => {
      viewers.delete(viewer);
      viewersChanged?.(viewers.size);
    });
    port.onMessage.addListener((raw: unknown) => {
      if (!isToWorkerMessage(raw) || viewer.mismatched) return;
      switch (raw.type) {
        case 'hello': {
          const viewerVersion = raw.payload.protocolVersion;
          if (viewerVersion !== PROTOCOL_VERSION) {
            // A viewer of another version (a panel left open across an update): its other
            // messages may mean something else, so tell it once and listen to it no more.
            viewer.mismatched = true;
            const mismatch = {
              workerVersion: PROTOCOL_VERSION,
              viewerVersion: typeof viewerVersion === 'number' ? viewerVersion : -1,
            };
            post(viewer, message<ToViewer, 'protocol-mismatch'>('protocol-mismatch', mismatch));
            return;
          }
          const tabId = raw.payload.scope?.tabId;
          const scope: Scope = typeof tabId === 'number' ? { tabId } : {};
          viewer.scope = scope;
          // What arrived just before the viewer opened is in its snapshot, not a window later.
          // flushPending queues its write at once, and the snapshot waits for the queue.
          void flushPending();
          void sendSnapshot(session, viewer, scope);
          break;
        }
        case 'get-call':
          void session
            .withBodies(String(raw.payload.id))
            .then((detail) =>
              post(
                viewer,
                message<ToViewer, 'call-detail'>('call-detail', { id: raw.payload.id, detail }),
              ),
            );
          break;
        case 'clear': {
          // Calls gathered before the click are cleared with the rest, not stored after it.
          // Back to back: flushPending queues its write at once, so the clear comes right after
          // it, before any batch that starts after the click.
          void flushPending();
          void session.clear(viewer.scope ?? {});
          break;
        }
        case 'set-paused':
          void session.setPaused(raw.payload.paused === true);
          break;
        case 'get-calls': {
          const { ids, request } = raw.payload;
          if (Array.isArray(ids))
            void sendDetails(session, viewer, ids.map(String), String(request));
          break;
        }
        case 'set-note': {
          const note = String(raw.payload.note).slice(0, 10_000).trim();
          void session.amend([String(raw.payload.id)], (call) => {
            const { note: _old, ...rest } = call;
            return note ? { ...rest, note } : rest;
          });
          break;
        }
        case 'set-hidden': {
          const hidden = raw.payload.hidden === true;
          void session.amend([String(raw.payload.id)], (call) => {
            const { hidden: _old, ...rest } = call;
            return hidden ? { ...rest, hidden } : rest;
          });
          break;
        }

        case 'devtools-entry':
          if (raw.payload.observation?.source === 'devtools')
            ingestDevtools(raw.payload.observation);
          break;
      }
    });
  });
  return () => viewers.size;
}
