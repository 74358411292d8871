/**
 * The viewer's state as signals, fed by one reducer (`apply`) that runs every worker message in
 * `batch`. `calls-upserted` batches are coalesced so the list re-renders at most once a frame.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { CapturedCall, PageVisit } from '../session/call';
import {
  inScope,
  message,
  type CallWithBodies,
  type CaptureStatus,
  type Scope,
  type ToViewerMessage,
  type ToViewer,
  type ToWorker,
} from '../shared/protocol';
import { orderCalls, upsertCalls } from './call-rows';
import { tabValidation } from '../validate/tab-validation';
import { buildVisit } from '../validate/visit';
import { visitFindings } from '../validate/visit-checks';
import { findingsByCall } from './visit/visit-rows';
import { buildSdkView, sdkSummary } from './sdk/sdk-model';
import { buildRows, type ListRow } from './call-rows';
import { frameScheduler, type FrameScheduler } from './frame-scheduler';
import type { ConnectionState, ViewerTransport } from './transport';

export const DETAIL_TABS = [
  'Request',
  'Response',
  'identityMap',
  'XDM',
  'Validation',
  'Headers',
  'Raw',
  'Timing',
  'Sources',
] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/**
 * What the viewer shows: the call list (with the details), the visit across its calls, or what
 * the Web SDK reported about itself (sdk/SdkView.tsx).
 */
export const VIEWER_PANES = ['Calls', 'Visit', 'SDK'] as const;
export type ViewerPane = (typeof VIEWER_PANES)[number];

export interface SdkFocus {
  pageId: string;
  commandKey?: string;
  /** Makes every ask a new value. */
  count?: number;
}

export interface XdmReveal {
  eventIndex: number;
  /** Keys below the event's `xdm`. */
  keys: ReadonlyArray<string | number>;
}

export type BodiesState =
  | { id: string; state: 'loading'; detail?: undefined }
  | { id: string; state: 'loaded'; detail: CallWithBodies }
  /** The worker no longer has the call (evicted or cleared). */
  | { id: string; state: 'gone'; detail?: undefined };

export interface ListRequest {
  count: number;
  focus: boolean;
  id?: string;
}

export interface ViewerModelOptions {
  scope: Scope;
  transport: ViewerTransport;
  schedule?: FrameScheduler;
  /** Every page of this view is over (an imported file): the visit judges each tab's last page. */
  ended?: boolean;
}

const EMPTY_STATUS: CaptureStatus = { paused: false, evicted: 0, stored: 0 };

export function createViewerModel({
  scope,
  transport,
  schedule = frameScheduler,
  ended = false,
}: ViewerModelOptions) {
  const calls = signal<readonly CapturedCall[]>([]);
  const pages = signal<ReadonlyMap<string, PageVisit>>(new Map());
  const status = signal<CaptureStatus>(EMPTY_STATUS);
  const connection = signal<ConnectionState>('connecting');
  /** True until the last snapshot page (`done`) arrived. */
  const loading = signal(true);
  /** The worker's answer to a hello of another version (this page outlived an update). */
  const mismatch = signal<ToViewer['protocol-mismatch'] | undefined>(undefined);
  const filter = signal('');
  const preserveLog = signal(true);
  const selectedId = signal<string | undefined>(undefined);
  const detail = signal<BodiesState | undefined>(undefined);
  /** Kept across selections: someone reading responses wants Response for the next call too. */
  const detailTab = signal<DetailTab>('Request');
  /**
   * Asks the list to show the selected call (after a move made elsewhere, the `j` key) and, with
   * `focus`, to take the keyboard focus (the `l` key); `count` makes every ask a new value.
   */
  const listRequest = signal<ListRequest>({ count: 0, focus: false });
  /** The call whose note is being edited (the `n` key, or Add note). */
  const noteEditing = signal<string | undefined>(undefined);
  /** A node of an event's XDM to open and select when the XDM tab shows (from a finding). */
  const xdmReveal = signal<XdmReveal | undefined>(undefined);

  /** Calls the user hid stay stored and exportable; the list leaves them out unless asked. */
  const showHidden = signal(false);
  const hiddenCount = computed(() => calls.value.filter((call) => call.hidden).length);
  const listed = computed(() =>
    showHidden.value || hiddenCount.value === 0
      ? calls.value
      : calls.value.filter((c) => !c.hidden),
  );
  const rows = computed<readonly ListRow[]>(() =>
    buildRows(listed.value, pages.value, { filter: filter.value, preserveLog: preserveLog.value }),
  );
  /** Exports waiting for their bodies, by request id (`get-calls` → `calls-detail` pages). */
  const detailRequests = new Map<
    string,
    { details: CallWithBodies[]; resolve: (d: CallWithBodies[]) => void }
  >();
  let requestCounter = 0;

  const visibleCallCount = computed(() => rows.value.filter((row) => row.kind === 'call').length);
  /** The view's events against the plan (undefined without a plan). */
  const validation = computed(() => tabValidation(calls.value));

  const pane = signal<ViewerPane>('Calls');
  /**
   * The visit over the view's calls (hidden ones too: they happened) and pages. Rebuilt only when
   * the calls array or the pages map is replaced, and only while something reads it.
   */
  const visit = computed(() => buildVisit(calls.value, [...pages.value.values()], { ended }));
  const findings = computed(() => visitFindings(visit.value, calls.value));
  const findingsOfCall = computed(() => findingsByCall(findings.value));
  /**
   * What the Web SDK reported on the view's pages, joined to their calls (sdk/sdk-model.ts);
   * rebuilt like the visit, only when the calls or the pages are replaced and something reads it.
   */
  const sdk = computed(() => buildSdkView(pages.value.values(), calls.value));
  /** The summary line, from the SDK view: the version is what the instance's own events state. */
  const sdkLine = computed(() => sdkSummary(sdk.value));
  /** The page and command the SDK view shows and focuses (from a call's "Made by"). */
  const sdkFocus = signal<SdkFocus | undefined>(undefined);

  let pending = new Map<string, CapturedCall>();
  let cancelFlush: (() => void) | undefined;

  function requestDetail(id: string): void {
    transport.send(message<ToWorker, 'get-call'>('get-call', { id }));
  }

  /** After the list changed: re-fetch the open detail when its call changed, drop it when gone. */
  function followSelection(changed: ReadonlySet<string> | 'all'): void {
    const id = selectedId.peek();
    if (id === undefined) return;
    if (!calls.peek().some((call) => call.id === id)) {
      if (detail.peek()?.state !== 'loaded') detail.value = { id, state: 'gone' };
      return;
    }
    if (changed === 'all' || changed.has(id)) requestDetail(id);
  }

  function flush(): void {
    cancelFlush?.();
    cancelFlush = undefined;
    if (pending.size === 0) return;
    const incoming = pending;
    pending = new Map();
    batch(() => {
      calls.value = upsertCalls(calls.peek(), incoming.values());
      followSelection(new Set(incoming.keys()));
    });
  }

  function queue(upserts: readonly CapturedCall[]): void {
    for (const call of upserts) pending.set(call.id, call);
    if (pending.size > 0 && !cancelFlush) cancelFlush = schedule(flush);
  }

  function upsertPages(incoming: readonly PageVisit[], reset: boolean): void {
    // No new map for no news: `rows` (the whole list) is recomputed whenever `pages` changes.
    if (!reset && incoming.length === 0) return;
    const next = new Map(reset ? [] : pages.peek());

    for (const page of incoming) next.set(page.id, page);
    pages.value = next;
  }

  function clearLocally(cleared: Scope): void {
    removeLocally((call) => inScope(cleared, call.tabId));
  }

  /** Drops calls (cleared or evicted) and the selection when it was one of them. */
  function removeLocally(gone: (call: CapturedCall) => boolean): void {
    pending = new Map([...pending].filter(([, call]) => !gone(call)));
    calls.value = calls.peek().filter((call) => !gone(call));

    const id = selectedId.peek();
    if (id !== undefined && !calls.peek().some((call) => call.id === id)) {
      selectedId.value = undefined;
      detail.value = undefined;
    }
  }

  /** The one reducer: every worker message goes through here. */
  function apply(incoming: ToViewerMessage): void {
    if (incoming.type === 'calls-upserted') {
      queue(incoming.payload.calls);
      return;
    }
    if (incoming.type === 'calls-detail') {
      const waiting = detailRequests.get(incoming.payload.request);
      if (!waiting) return;
      waiting.details.push(...incoming.payload.details);
      if (incoming.payload.done) {
        detailRequests.delete(incoming.payload.request);
        waiting.resolve(waiting.details);
      }
      return;
    }

    // Anything else is applied in arrival order: pending upserts go first. Snapshot pages are
    // exempt: a fresh snapshot drops what is pending anyway, and a later page only adds upserts
    // of its own, so a burst of pages becomes one list update per frame instead of one per page
    // (which, with 10,000 calls, kept the first rows from being painted until the last page).
    if (incoming.type !== 'snapshot') flush();

    batch(() => {
      switch (incoming.type) {
        case 'snapshot': {
          const { payload } = incoming;
          status.value = payload.status;
          loading.value = !payload.done;
          if (payload.reset) {
            // A fresh snapshot (first connect or after a worker restart) supersedes everything.
            cancelFlush?.();
            cancelFlush = undefined;
            pending = new Map();
            calls.value = orderCalls(payload.calls);
            upsertPages(payload.pages, true);
            followSelection('all');
          } else {
            upsertPages(payload.pages, false);
            queue(payload.calls);
          }
          break;
        }
        case 'pages-upserted':
          upsertPages(incoming.payload.pages, false);
          break;
        case 'protocol-mismatch':
          mismatch.value = incoming.payload;
          loading.value = false;
          break;
        case 'cleared':
          clearLocally(incoming.payload.scope);
          break;
        case 'calls-removed': {
          const ids = new Set(incoming.payload.ids);
          removeLocally((call) => ids.has(call.id));
          break;
        }

        case 'status':
          status.value = incoming.payload;
          break;
        case 'call-detail': {
          const { id, detail: fetched } = incoming.payload;
          if (id !== selectedId.peek()) break;
          detail.value = fetched ? { id, state: 'loaded', detail: fetched } : { id, state: 'gone' };
          break;
        }
      }
    });
  }

  function select(id: string | undefined): void {
    if (id === selectedId.peek() && (id === undefined || detail.peek()?.id === id)) return;
    batch(() => {
      selectedId.value = id;
      detail.value = id === undefined ? undefined : { id, state: 'loading' };
    });
    if (id !== undefined) requestDetail(id);
  }

  /**
   * Moves the selection among the visible calls: by `to` rows, or to the first / last. `from` is
   * where the move starts (the focused row), by default the selected call.
   */
  function moveSelection(
    to: number | 'first' | 'last',
    from: string | undefined = selectedId.peek(),
  ): string | undefined {
    const visible = rows.peek().filter((row) => row.kind === 'call');
    if (visible.length === 0) return undefined;
    const current = visible.findIndex((row) => row.key === from);
    let index: number;
    if (to === 'first') index = 0;
    else if (to === 'last') index = visible.length - 1;
    else if (current < 0) index = to > 0 ? 0 : visible.length - 1;
    else index = Math.min(visible.length - 1, Math.max(0, current + to));
    const target = visible[index]?.key;
    select(target);
    return target;
  }

  return {
    scope,
    /** Resend and Compare for this view, when its transport has its own (an imported file). */
    resender: transport.resender,
    calls: calls as ReadonlySignal<readonly CapturedCall[]>,
    pages: pages as ReadonlySignal<ReadonlyMap<string, PageVisit>>,
    status: status as ReadonlySignal<CaptureStatus>,
    connection: connection as ReadonlySignal<ConnectionState>,
    loading: loading as ReadonlySignal<boolean>,
    mismatch: mismatch as ReadonlySignal<ToViewer['protocol-mismatch'] | undefined>,
    filter: filter as ReadonlySignal<string>,
    preserveLog: preserveLog as ReadonlySignal<boolean>,
    selectedId: selectedId as ReadonlySignal<string | undefined>,
    detail: detail as ReadonlySignal<BodiesState | undefined>,
    detailTab: detailTab as ReadonlySignal<DetailTab>,
    xdmReveal: xdmReveal as ReadonlySignal<XdmReveal | undefined>,
    /** Shows the XDM tab with this event's node at `keys` opened and selected. */
    revealXdm(eventIndex: number, keys: ReadonlyArray<string | number>): void {
      batch(() => {
        xdmReveal.value = { eventIndex, keys };
        detailTab.value = 'XDM';
      });
    },
    listRequest: listRequest as ReadonlySignal<ListRequest>,
    /**
     * Shows call `id` (by default the selected one, else the first) in the list; with `focus`,
     * moves the keyboard focus to it.
     */
    revealInList(focus: boolean, id?: string): void {
      listRequest.value = { count: listRequest.peek().count + 1, focus, id };
    },
    noteEditing: noteEditing as ReadonlySignal<string | undefined>,
    editNote(id: string | undefined): void {
      noteEditing.value = id;
    },
    rows,
    visibleCallCount,
    validation,
    pane: pane as ReadonlySignal<ViewerPane>,
    visit,
    findings,
    findingsOfCall,
    sdk,
    sdkLine,
    sdkFocus: sdkFocus as ReadonlySignal<SdkFocus | undefined>,
    /** The SDK view on this page (and this command, focused). */
    showSdk(focus: SdkFocus): void {
      batch(() => {
        sdkFocus.value = { ...focus, count: (sdkFocus.peek()?.count ?? 0) + 1 };
        pane.value = 'SDK';
      });
    },
    /** Shows a view; the SDK view then opens on its latest page, with no command focused. */
    setPane(next: ViewerPane): void {
      batch(() => {
        sdkFocus.value = undefined;
        pane.value = next;
      });
    },
    /** Back to the call list with call `id` open, shown and focused (from the Visit view). */
    showCall(id: string): void {
      batch(() => {
        if (calls.peek().find((c) => c.id === id)?.hidden) showHidden.value = true;
        pane.value = 'Calls';
        select(id);
        listRequest.value = { count: listRequest.peek().count + 1, focus: true, id };
      });
    },
    apply,
    flush,
    select,
    moveSelection,
    start(): void {
      transport.connect(apply, (state) => {
        connection.value = state;
      });
    },
    dispose(): void {
      cancelFlush?.();
      cancelFlush = undefined;
      transport.disconnect();
    },
    setFilter(text: string): void {
      filter.value = text;
    },
    setPreserveLog(on: boolean): void {
      preserveLog.value = on;
    },
    setDetailTab(tab: DetailTab): void {
      xdmReveal.value = undefined;
      detailTab.value = tab;
    },
    clear(): void {
      // Optimistic: the worker confirms with `cleared`, which is idempotent.
      batch(() => clearLocally(scope));
      transport.send(message<ToWorker, 'clear'>('clear', { scope: { ...scope } }));
    },
    showHidden: showHidden as ReadonlySignal<boolean>,
    hiddenCount,
    setShowHidden(on: boolean): void {
      showHidden.value = on;
    },
    setNote(id: string, note: string): void {
      transport.send(message<ToWorker, 'set-note'>('set-note', { id, note }));
    },
    setHidden(id: string, hidden: boolean): void {
      transport.send(message<ToWorker, 'set-hidden'>('set-hidden', { id, hidden }));
    },
    /** The calls with their bodies, in the order asked (for exports). */
    fetchDetails(ids: readonly string[]): Promise<CallWithBodies[]> {
      const request = `export-${++requestCounter}`;
      return new Promise((resolve) => {
        detailRequests.set(request, { details: [], resolve });
        transport.send(message<ToWorker, 'get-calls'>('get-calls', { ids: [...ids], request }));
      });
    },
    togglePaused(): void {
      // Not optimistic: "Paused" shows once the worker has stored it, so what the status line
      // says is what capture does (calls made in between are still captured, as shown).
      const paused = !status.peek().paused;
      transport.send(message<ToWorker, 'set-paused'>('set-paused', { paused }));
    },
  };
}

export type ViewerModel = ReturnType<typeof createViewerModel>;
