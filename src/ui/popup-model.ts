/** The popup's state: a summary of one tab, refreshed about once a second while open. */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { PlainLine, VisitorState } from '../edge/plain-words';
import { isFailure } from '../session/call';
import type { CapturedCall, PageVisit } from '../session/call';
import { defaultRedaction } from '../session/redaction';
import type { CallWithBodies, PopupSummary } from '../shared/protocol';
import { buildExport, download } from './export/run-export';
import type { ExportFormat } from './export/run-export';
import { isRecord } from '../edge/read';

export const RECENT_CALLS = 5;

/** Shape check of the worker's reply (it crossed a process boundary). */
export function isPopupSummary(value: unknown): value is PopupSummary {
  return (
    isRecord(value) &&
    typeof value.tabId === 'number' &&
    typeof value.count === 'number' &&
    typeof value.failures === 'number' &&
    typeof value.paused === 'boolean' &&
    Array.isArray(value.last) &&
    value.last.every(
      (call) => isRecord(call) && typeof call.id === 'string' && isRecord(call.endpoint),
    )
  );
}

/** The newest calls first, at most RECENT_CALLS. */
export function recentCalls(summary: PopupSummary): CapturedCall[] {
  return [...summary.last].sort((a, b) => b.seq - a.seq).slice(0, RECENT_CALLS);
}

export interface PopupModelOptions {
  tabId: number | undefined;
  fetchSummary: (tabId: number) => Promise<unknown>;
  /** Every call of the tab with bodies: for exports only (the summary carries the words). */
  fetchDetails?: (tabId: number) => Promise<{ details: CallWithBodies[]; pages: PageVisit[] }>;
  setPaused?: (paused: boolean) => Promise<unknown>;
  openViewer: (tabId: number | undefined) => Promise<void> | void;
  /** Opens the side panel; called straight from the click (the browsers want a user gesture). */
  openSidePanel?: (tabId: number | undefined) => Promise<void>;
  /** After the side panel opened (the page closes the popup, which would cover it). */
  onSidePanelOpened?: () => void;
  intervalMs?: number;
}

/** A call in plain words, for the popup list. */
export interface PlainCall {
  id: string;
  call: CapturedCall;
  lines: PlainLine[];
}

/**
 * The popup's list: the summary's newest calls in plain words, newest first, from the analysis the
 * worker stored with each call (the popup reads no bodies). A call not analysed yet shows its
 * event types or action.
 */
export function describeCalls(summary: PopupSummary): PlainCall[] {
  return [...summary.last]
    .sort((a, b) => b.seq - a.seq)
    .map((call) => ({
      id: call.id,
      call,
      lines: call.plain?.length
        ? call.plain
        : [
            {
              text: call.eventTypes?.join(', ') || call.endpoint.action,
              problem: isFailure(call),
            },
          ],
    }));
}

export function createPopupModel({
  tabId,
  fetchSummary,
  fetchDetails,
  setPaused,
  openViewer,
  openSidePanel,
  onSidePanelOpened,
  intervalMs = 1000,
}: PopupModelOptions) {
  const summary = signal<PopupSummary | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
  const plain = signal<PlainCall[]>([]);
  const visitor = signal<VisitorState>({});
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight = false;

  async function refresh(): Promise<void> {
    if (tabId === undefined || inFlight) return;
    inFlight = true;
    try {
      const reply = await fetchSummary(tabId);
      batch(() => {
        if (isPopupSummary(reply)) {
          summary.value = reply;
          error.value = undefined;
          plain.value = describeCalls(reply);
          visitor.value = reply.visitor ?? {};
        } else {
          error.value = 'The extension answered with something unexpected.';
        }
      });
    } catch (failure) {
      // The worker may be starting up; the next tick tries again.
      error.value = `Could not reach the extension: ${failure instanceof Error ? failure.message : String(failure)}`;
    } finally {
      inFlight = false;
    }
  }

  return {
    tabId,
    summary: summary as ReadonlySignal<PopupSummary | undefined>,
    plain: plain as ReadonlySignal<PlainCall[]>,
    visitor: visitor as ReadonlySignal<VisitorState>,
    async togglePaused(): Promise<void> {
      const paused = !(summary.peek()?.paused ?? false);
      await setPaused?.(paused);
      await refresh();
    },
    /** Exports the tab's calls with the default redaction (all rules on). */
    async exportAs(format: ExportFormat): Promise<string | undefined> {
      if (!fetchDetails || tabId === undefined) return undefined;
      const { details, pages } = await fetchDetails(tabId);
      const file = await buildExport(details, pages, format, defaultRedaction());
      download(file);
      return file.fileName;
    },
    error: error as ReadonlySignal<string | undefined>,
    refresh,
    start(): void {
      void refresh();
      timer ??= setInterval(() => void refresh(), intervalMs);
    },
    dispose(): void {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    /** Synchronous up to the browser call, so that it runs inside the click's user gesture. */
    openSidePanel(): void {
      if (!openSidePanel) return;
      openSidePanel(tabId).then(
        () => onSidePanelOpened?.(),
        (failure: unknown) => {
          error.value = `Could not open the side panel: ${failure instanceof Error ? failure.message : String(failure)}`;
        },
      );
    },
    openViewer(): void {
      void Promise.resolve(openViewer(tabId)).catch((failure: unknown) => {
        error.value = `Could not open the viewer: ${failure instanceof Error ? failure.message : String(failure)}`;
      });
    },
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
