/**
 * The Web SDK's passive monitors (`window.__alloyMonitors`), one entry per document: its network
 * requests and responses, its rendering (reduced to ids and scopes in the page), and the SDK
 * side's instance, command and log events (page-sdk.ts).
 */
import { decodeRenderEvent } from '../edge/render-event';
import type { SdkEvent } from '../edge/sdk-event';
import {
  RENDER_SOURCE,
  SDK_SOURCE,
  type HookObservation,
  type MonitorObservation,
} from '../session/observation';
import { absolute, frameToken, post } from './page-post';
import { sdkMonitor } from './page-sdk';

type Phase = HookObservation['phase'];

type MonitorData = {
  instanceName?: string;
  requestId?: string;
  url?: string;
  payload?: unknown;
  statusCode?: number;
  body?: unknown;
  error?: unknown;
};

function monitorPost(phase: Phase, data: MonitorData, extra: Partial<MonitorObservation>): void {
  if (typeof data.url !== 'string' || typeof data.requestId !== 'string') return;
  post({
    source: 'alloy-monitor',
    phase,
    monitorId: `${frameToken}:${data.requestId}`,
    url: absolute(data.url),
    instance: data.instanceName,
    time: Date.now(),
    ...extra,
  });
}

export function postSdk(event: SdkEvent): void {
  post({ source: SDK_SOURCE, event });
}

/** The SDK side's monitor methods (page-sdk.ts), with this document's caps. */
export const sdk = sdkMonitor(postSdk);

export function watchAlloy(): void {
  const win = window as unknown as { __alloyMonitors?: unknown[] };
  const monitors = Array.isArray(win.__alloyMonitors) ? win.__alloyMonitors : [];
  win.__alloyMonitors = monitors;
  monitors.push({
    ...sdk.methods,
    onBeforeNetworkRequest(data: MonitorData) {
      let text: string | undefined;
      try {
        text = JSON.stringify(data.payload);
      } catch {
        text = undefined;
      }
      monitorPost('request', data, text === undefined ? {} : { requestBody: { text } });
    },
    onNetworkResponse(data: MonitorData) {
      const body = typeof data.body === 'string' ? { text: data.body } : undefined;
      monitorPost('response', data, {
        status: data.statusCode,
        ...(body ? { responseBody: body } : {}),
      });
    },
    onNetworkError(data: MonitorData) {
      monitorPost('error', data, {
        error: String((data.error as { message?: unknown })?.message ?? data.error),
      });
    },
    /**
     * Reduced here, in the page, to ids and scopes (render-event.ts): the propositions' items hold
     * the page's HTML, which never leaves the page.
     */
    onContentRendering(data: unknown) {
      try {
        const render = decodeRenderEvent(data, Date.now());
        if (render) post({ source: RENDER_SOURCE, render });
      } catch {
        // A monitor must never throw into the Web SDK.
      }
    },
  });
}
