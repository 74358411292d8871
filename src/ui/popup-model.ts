/** The popup's state: a summary of one tab, refreshed about once a second while open. */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { CapturedCall } from '../session/call';
import type { PopupSummary } from '../shared/protocol';

export const RECENT_CALLS = 5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shape check of the worker's reply (it crossed a process boundary). */
export function isPopupSummary(value: unknown): value is PopupSummary {
  return (
    isObject(value) &&
    typeof value.tabId === 'number' &&
    typeof value.count === 'number' &&
    typeof value.failures === 'number' &&
    typeof value.paused === 'boolean' &&
    Array.isArray(value.last) &&
    value.last.every(
      (call) => isObject(call) && typeof call.id === 'string' && isObject(call.endpoint),
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
  openViewer: (tabId: number | undefined) => Promise<void> | void;
  intervalMs?: number;
}

export function createPopupModel({
  tabId,
  fetchSummary,
  openViewer,
  intervalMs = 1000,
}: PopupModelOptions) {
  const summary = signal<PopupSummary | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
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
    openViewer(): void {
      void Promise.resolve(openViewer(tabId)).catch((failure: unknown) => {
        error.value = `Could not open the viewer: ${failure instanceof Error ? failure.message : String(failure)}`;
      });
    },
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
