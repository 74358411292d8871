// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ToViewerMessage } from '../shared/protocol';
import { startedViewerModel } from './fake-transport';
import { edgeUrl, makeCall, makePage, makeStatus, fakeLayout } from './test-fixtures';
import { Viewer } from './Viewer';
import { ExportButton } from './export/ExportDialog';

let container: HTMLElement;
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  restoreLayout();
});

function snapshot(
  count: number,
  extra: Partial<Extract<ToViewerMessage, { type: 'snapshot' }>['payload']> = {},
): ToViewerMessage {
  return {
    type: 'snapshot',
    payload: {
      calls: Array.from({ length: count }, (_, i) => makeCall(i + 1)),
      pages: [makePage('page-a')],
      reset: true,
      done: true,
      status: makeStatus({ stored: count }),
      ...extra,
    },
  };
}

async function mount(messages: ToViewerMessage[]) {
  const { model, transport } = startedViewerModel();
  await act(() => {
    render(<Viewer model={model} title="AEP Edge Inspector: tab 7" />, container);
  });
  await act(() => {
    for (const m of messages) transport.deliver(m);
  });
  return { transport, model };
}

const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const callRows = () => $$('[role="grid"] [role="row"][data-key]');

describe('Viewer', () => {
  test('controls have accessible names', async () => {
    await mount([snapshot(2)]);
    expect($('[role="grid"]')?.getAttribute('aria-label')).toBe('Edge calls');
    expect($$('[role="toolbar"] button').map((b) => b.textContent)).toEqual(['Clear', 'Pause']);
    expect($('input[type="text"]')?.getAttribute('aria-label')).toBe('Filter');
    const checkbox = $('input[type="checkbox"]') as HTMLInputElement;
    expect(checkbox.closest('label')?.textContent).toBe('Preserve log');
    expect(checkbox.checked).toBe(true);
    expect($$('[role="columnheader"]').map((h) => h.textContent)).toEqual([
      'Time',
      'Action',
      'Event type(s)',
      'Datastream',
      'Status',
      'Handles',
      'Validation',
      'Duration',
      'Size',
      'Page',
    ]);
  });

  test.each([
    { name: 'counts', messages: [snapshot(3)], want: '3 calls' },
    {
      name: 'evicted',
      messages: [snapshot(1, { status: makeStatus({ evicted: 40 }) })],
      want: '1 call · 40 evicted by the store cap',
    },
    {
      name: 'paused',
      messages: [snapshot(0, { status: makeStatus({ paused: true }) })],
      want: '0 calls · Paused',
    },
  ])('status line: $name', async ({ messages, want }) => {
    await mount(messages);
    expect($('[role="status"]')?.textContent).toBe(want);
  });

  test('reconnecting shows in the status line', async () => {
    const { transport } = await mount([snapshot(1)]);
    await act(() => transport.drop());
    expect($('[role="status"]')?.textContent).toBe('1 call · Reconnecting…');
  });

  test('a worker of another version: a clear message instead of loading for ever', async () => {
    const { transport } = await mount([]);
    expect($('.empty-state')?.textContent).toBe('Loading captured calls…');
    expect($('[role="alert"]')).toBeNull();
    await act(() => {
      transport.deliver({
        type: 'protocol-mismatch',
        payload: { workerVersion: 2, viewerVersion: 1 },
      });
      transport.end('incompatible');
    });
    expect($('[role="alert"]')?.textContent).toMatch(
      /another version of AEP Edge Inspector .*\(viewer protocol 1, extension protocol 2\).*Close DevTools and open it again/,
    );
    expect(container.textContent).not.toContain('Loading');
    expect($('[role="status"]')?.textContent).toBe('0 calls · Disconnected');
  });

  test('the extension updated under the page: says so, and keeps the calls it has', async () => {
    const { transport } = await mount([snapshot(2)]);
    await act(() => transport.end('invalidated'));
    expect($('[role="alert"]')?.textContent).toMatch(
      /updated, reloaded or removed while this viewer was open/,
    );
    expect(callRows()).toHaveLength(2);
  });

  test('a large list renders only the rows in view, with the real row count and indexes', async () => {
    await mount([snapshot(10_000)]);
    const grid = $('[role="grid"]');
    expect(grid?.getAttribute('aria-rowcount')).toBe('10001');
    const rows = callRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
  });

  test('page data is text, never markup', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    await mount([
      {
        type: 'snapshot',
        payload: {
          calls: [makeCall(1, { eventTypes: [hostile], url: edgeUrl() })],
          pages: [makePage('page-a', { url: 'javascript:alert(1)' })],
          reset: true,
          done: true,
          status: makeStatus(),
        },
      },
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(callRows()[0]?.textContent).toContain(hostile);
  });

  test('failures are marked with more than colour', async () => {
    await mount([
      {
        type: 'snapshot',
        payload: {
          calls: [
            makeCall(1, { status: 500 }),
            makeCall(2, { state: 'failed', status: undefined, error: 'net::ERR_FAILED' }),
          ],
          pages: [],
          reset: true,
          done: true,
          status: makeStatus(),
        },
      },
    ]);
    const [first, second] = callRows();
    expect(first?.dataset.failed).toBe('true');
    expect(first?.textContent).toContain('✖ failed 500');
    expect(second?.textContent).toContain('failed: net::ERR_FAILED');
  });

  test('click selects, asks for the detail, and the tabs show it', async () => {
    const { transport } = await mount([snapshot(3)]);
    await act(() => callRows()[1]?.click());
    expect(transport.sent).toContainEqual({ type: 'get-call', payload: { id: 'call-2' } });
    expect(callRows()[1]?.getAttribute('aria-selected')).toBe('true');
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: {
          id: 'call-2',
          detail: { call: makeCall(2), requestBody: '{"events":[]}', responseBody: 'oops' },
        },
      }),
    );
    expect($$('.call-details [role="tab"]').map((t) => t.textContent)).toEqual([
      'Request',
      'Response',
      'identityMap',
      'XDM',
      'Validation',
      'Headers',
      'Raw',
      'Timing',
      'Sources',
    ]);
    expect($('[role="tabpanel"]')?.textContent).toContain('"events": []');
    await act(() => $$('.call-details [role="tab"]')[1]?.click());
    expect($('.call-details [role="tab"][aria-selected="true"]')?.textContent).toBe('Response');
    expect($('[role="tabpanel"]')?.textContent).toContain('Not JSON:');
    expect($('[role="tabpanel"]')?.textContent).toContain('oops');
  });

  test('status shows the error and warning counts; Handles lists the handle types', async () => {
    await mount([
      snapshot(0, {
        calls: [
          makeCall(1, {
            status: 207,
            errorCount: 1,
            warningCount: 1,
            handleTypes: ['state:store', 'personalization:decisions'],
          }),
        ],
      }),
    ]);
    const cells = [...(callRows()[0]?.querySelectorAll('[role="gridcell"]') ?? [])];
    expect(cells[4]?.textContent).toBe('207 · 1 error · 1 warning');
    expect(cells[5]?.textContent).toBe('state:store, personalization:decisions');
  });

  test('a batch is one row that opens into one row per event', async () => {
    await mount([
      snapshot(0, {
        calls: [
          makeCall(1, {
            eventTypes: ['a.one', 'a.two'],
            eventHandleTypes: [{ eventIndex: 1, handleTypes: ['personalization:decisions'] }],
          }),
          makeCall(2),
        ],
      }),
    ]);
    const rows = () => $$('[role="grid"] [role="rowgroup"]:last-child [role="row"]');
    expect(rows()).toHaveLength(2);
    expect(rows()[0]?.getAttribute('aria-expanded')).toBe('false');
    expect(rows()[0]?.textContent).toContain('2 events: a.one, a.two');
    expect($('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('3');
    rows()[0]?.focus();
    await act(() => {
      rows()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(rows()).toHaveLength(4);
    expect(rows()[0]?.getAttribute('aria-expanded')).toBe('true');
    expect(rows()[2]?.textContent).toContain('#1 a.two');
    expect(rows()[2]?.textContent).toContain('personalization:decisions');
    expect(rows().map((r) => r.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4', '5']);
    expect($('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('5');
    expect($('[role="status"]')?.textContent).toBe('2 calls');
    await act(() => {
      rows()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(rows()).toHaveLength(2);
    await act(() => rows()[0]?.querySelector<HTMLElement>('button[aria-expanded]')?.click());
    expect(rows()).toHaveLength(4);
  });

  test('arrow keys move the selection with a roving tabindex', async () => {
    await mount([snapshot(3)]);
    expect(callRows().map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    const body = $('[role="grid"] [role="rowgroup"]:last-child');
    const press = (key: string) =>
      act(() => {
        (document.activeElement ?? body)?.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true }),
        );
      });
    callRows()[0]?.focus();
    await press('ArrowDown');
    await press('ArrowDown');
    expect(callRows().map((r) => r.getAttribute('aria-selected'))).toEqual([
      'false',
      'false',
      'true',
    ]);
    expect(callRows().map((r) => r.tabIndex)).toEqual([-1, -1, 0]);
    await press('Home');
    expect(callRows()[0]?.getAttribute('aria-selected')).toBe('true');
    await press('Escape');
    expect($('[aria-label="Call details"]')).toBeNull();
  });

  test('Clear and Pause send their messages', async () => {
    const { transport } = await mount([snapshot(2)]);
    await act(() => $$('[role="toolbar"] button')[1]?.click());
    expect(transport.sent.at(-1)).toEqual({ type: 'set-paused', payload: { paused: true } });
    // The button follows the worker's confirmation, not the click.
    expect($$('[role="toolbar"] button')[1]?.textContent).toBe('Pause');
    await act(() =>
      transport.deliver({ type: 'status', payload: { paused: true, evicted: 0, stored: 2 } }),
    );
    expect($$('[role="toolbar"] button')[1]?.textContent).toBe('Resume');

    await act(() => $$('[role="toolbar"] button')[0]?.click());
    expect(transport.sent.at(-1)).toEqual({ type: 'clear', payload: { scope: { tabId: 7 } } });
    expect(callRows()).toHaveLength(0);
  });
});

describe('Export dialog', () => {
  test('every opening starts with every redaction rule on, whatever the last export used', async () => {
    const { model } = await mount([snapshot(2)]);
    await act(() => render(<ExportButton model={model} />, container));
    const open = () =>
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Export…')!;
    const boxes = () => [
      ...container.querySelectorAll<HTMLInputElement>('.export-dialog input[type="checkbox"]'),
    ];
    await act(() => open().click());
    expect(boxes().length).toBeGreaterThan(0);
    expect(boxes().every((box) => box.checked)).toBe(true);
    // The user turns every rule off for one export, then closes the dialog…
    for (const box of boxes()) await act(() => box.click());
    expect(boxes().some((box) => box.checked)).toBe(false);
    await act(() => container.querySelector<HTMLDialogElement>('.export-dialog')!.close());
    // …and the next opening is redacted again.
    await act(() => open().click());
    expect(boxes().every((box) => box.checked)).toBe(true);
  });
});
