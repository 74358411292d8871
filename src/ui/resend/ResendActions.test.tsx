// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CapturedCall } from '../../session/call';
import type { CallWithBodies, ResendOutcome } from '../../shared/protocol';
import { startedViewerModel } from '../fake-transport';
import { makeCall, makePage, makeStatus } from '../test-fixtures';
import type { ResendClient } from './resend-client';
import { ResendActions } from './ResendActions';

const BODY = '{"events":[{"xdm":{"eventType":"a","web":{"webPageDetails":{"name":"home"}}}}]}';
const EDITED = '{"events":[{"xdm":{"eventType":"b","web":{"webPageDetails":{"name":"home"}}}}]}';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function setup(calls: CapturedCall[], bodies: Record<string, CallWithBodies>) {
  const { model, transport } = startedViewerModel();
  transport.deliver({
    type: 'snapshot',
    payload: { calls, pages: [makePage('page-a')], reset: true, done: true, status: makeStatus() },
  });
  const sent: string[] = [];
  const client: ResendClient = {
    resend: (_id, request, from) => {
      sent.push(request.body ?? '');
      return Promise.resolve({ ok: true, from, status: 200 } as ResendOutcome);
    },
    details: (ids) => Promise.resolve(ids.map((id) => ({ id, detail: bodies[id] }))),
  };
  return { model, client, sent };
}

const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

async function until<T>(find: () => T | null | undefined): Promise<T> {
  await vi.waitFor(() => expect(find()).toBeTruthy(), { timeout: 4000 });
  return find() as T;
}

describe('ResendActions', () => {
  test('"Resend…" opens the editor dialog on demand, and Send sends its body', async () => {
    const original = makeCall(1);
    const { model, client, sent } = setup([original], {});
    await act(() => {
      render(
        <ResendActions
          model={model}
          detail={{ call: original, requestBody: BODY }}
          client={client}
        />,
        container,
      );
    });
    expect($('dialog')).toBeNull();
    await act(() => button('Resend…')?.click());
    const dialog = await until(() => $('dialog'));
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(dialog.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe(
      'Resend sections',
    );
    const url = [...dialog.querySelectorAll('label')].find((l) => l.textContent?.startsWith('URL'));
    expect(url?.querySelector('input')?.value).toBe(original.url);
    await until(() => dialog.querySelector('[aria-label="Request body"]'));
    await act(async () => button('Send')?.click());
    await until(() => sent.length > 0);
    expect(JSON.parse(sent[0] ?? '')).toEqual(JSON.parse(BODY));
    await until(() =>
      dialog.querySelector('.send-status')?.textContent?.startsWith('Sent from the page: 200'),
    );
  });

  test('a resend links back to its original, and Compare shows the changed paths', async () => {
    const original = makeCall(1, { resends: ['call-2'] });
    const resend = makeCall(2, { resendOf: 'call-1' });
    const bodies = {
      'call-1': { call: original, requestBody: BODY, responseBody: '{"handle":[]}' },
      'call-2': { call: resend, requestBody: EDITED, responseBody: '{"handle":[]}' },
    };
    const { model, client } = setup([original, resend], bodies);
    await act(() => {
      render(<ResendActions model={model} detail={{ call: resend }} client={client} />, container);
    });
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(button('Go to resend')).toBeUndefined();
    const back = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Go to original'),
    );
    expect(back).toBeTruthy();
    await act(() => button('Compare…')?.click());
    const table = await until(() => $('table[aria-label="Request differences"]'));
    const paths = [...table.querySelectorAll('tbody tr td:nth-child(2) code')].map(
      (c) => c.textContent,
    );
    expect(paths).toEqual(['events[0].xdm.eventType']);
    expect($('table[aria-label="Response differences"]')).toBeNull();
  });
});
