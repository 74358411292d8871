import { describe, expect, it, vi } from 'vitest';
import { signal } from '@preact/signals';
import { importFile } from '../session/import';
import type { ToViewerMessage } from '../shared/protocol';
import { parsePlan, type Plan } from '../validate/plan';
import { createImportTransport } from './import-transport';
import type { ResendClient } from './resend/resend-client';

const URL_ = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
const PAGE_VIEW = JSON.stringify({
  events: [{ xdm: { eventType: 'web.webpagedetails.pageViews', web: { webPageDetails: {} } } }],
});

function imported() {
  const har = {
    log: {
      version: '1.2',
      entries: [
        {
          startedDateTime: new Date(0).toISOString(),
          time: 5,
          request: { method: 'POST', url: URL_, headers: [], postData: { text: PAGE_VIEW } },
          response: { status: 200, headers: [], content: { text: '{"handle":[]}' } },
        },
      ],
    },
  };
  const result = importFile('chrome.har', JSON.stringify(har), 'i1');
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function connected(transport: ReturnType<typeof createImportTransport>) {
  const messages: ToViewerMessage[] = [];
  transport.connect(
    (m) => messages.push(m),
    () => undefined,
  );
  return messages;
}

describe('an imported view answers resend and compare itself', () => {
  it('gives its own bodies, refuses a page send, and shows an extension resend linked here', async () => {
    const resendRecord = {
      ...imported().calls[0]!.call,
      id: 'live-9',
      tabId: -1,
      imported: undefined,
      sources: ['extension' as const, 'webRequest' as const],
    };
    const live: ResendClient = {
      resend: vi.fn(async (_id, _request, from) => ({
        ok: true as const,
        from,
        status: 200,
        resendId: 'live-9',
      })),
      details: vi.fn(async (ids: readonly string[]) =>
        ids.map((id) => ({ id, detail: id === 'live-9' ? { call: resendRecord } : undefined })),
      ),
    };
    const transport = createImportTransport(imported(), undefined, live);
    const messages = connected(transport);
    const resender = transport.resender!;
    const [own] = await resender.details(['i1:0']);
    expect(own?.detail?.requestBody).toBe(PAGE_VIEW);
    expect(live.details).not.toHaveBeenCalled();

    const request = { method: 'POST', url: URL_, headers: [], credentials: 'omit' as const };
    expect(await resender.resend('i1:0', request, 'page')).toMatchObject({
      ok: false,
      reason: 'tab-gone',
      error: expect.stringMatching(/imported from a file/),
    });
    expect(live.resend).not.toHaveBeenCalled();

    const outcome = await resender.resend('i1:0', request, 'extension');
    expect(outcome).toMatchObject({ ok: true, resendId: 'live-9' });
    // The worker got the original's record: it never stored an imported call.
    expect(vi.mocked(live.resend).mock.calls[0]?.[3]).toMatchObject({
      id: 'i1:0',
      imported: { fileName: 'chrome.har' },
    });
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'calls-upserted')).toBe(true));
    const upserted = messages.find((m) => m.type === 'calls-upserted');
    const calls = upserted?.type === 'calls-upserted' ? upserted.payload.calls : [];
    expect(calls.find((c) => c.id === 'i1:0')?.resends).toEqual(['live-9']);
    expect(calls.find((c) => c.id === 'live-9')?.resendOf).toBe('i1:0');
    // Compare: the original from this view, the resend from the worker.
    const pair = await resender.details(['i1:0', 'live-9']);
    expect(pair.map((p) => p.detail?.call.id)).toEqual(['i1:0', 'live-9']);
  });

  it('validates its calls again when the plan changes, and drops the verdicts when it goes', async () => {
    const read = parsePlan(
      'name: P\nrules:\n  - id: named\n    require: [xdm.web.webPageDetails.name]\n',
      'p.yaml',
    );
    if (!read.ok) throw new Error(read.problems.join());
    const plan = signal<Plan | undefined>(undefined);
    const transport = createImportTransport(imported(), plan);
    const messages = connected(transport);
    plan.value = read.plan;
    await vi.waitFor(() =>
      expect(messages.filter((m) => m.type === 'calls-upserted')).toHaveLength(1),
    );
    const first = messages.filter((m) => m.type === 'calls-upserted')[0];
    const checked = first?.type === 'calls-upserted' ? first.payload.calls[0] : undefined;
    expect(checked?.validation?.counts).toEqual({ events: 1, passed: 0, failed: 1, warned: 0 });
    plan.value = undefined;
    await vi.waitFor(() =>
      expect(messages.filter((m) => m.type === 'calls-upserted')).toHaveLength(2),
    );
    const second = messages.filter((m) => m.type === 'calls-upserted')[1];
    expect(
      second?.type === 'calls-upserted' && second.payload.calls[0]?.validation,
    ).toBeUndefined();
  });
});
