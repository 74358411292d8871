// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CallFacts } from '../../edge/visit-facts';
import type { CapturedCall } from '../../session/call';
import type { ToViewerMessage } from '../../shared/protocol';
import { startedViewerModel } from '../fake-transport';
import { fakeLayout, makeCall, makePage, makeStatus } from '../test-fixtures';
import { Viewer } from '../Viewer';

const ECID_A = '11111111111111111111111111111111111111';
const ECID_B = '22222222222222222222222222222222222222';

let container: HTMLElement;
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  restoreLayout();
});

const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const byText = (selector: string, text: string) =>
  $$(selector).find((el) => el.textContent?.includes(text));

function snapshot(calls: CapturedCall[], pages = [makePage('page-a')]): ToViewerMessage {
  return {
    type: 'snapshot',
    payload: { calls, pages, reset: true, done: true, status: makeStatus() },
  };
}

const withFacts = (seq: number, facts: CallFacts, extra: Partial<CapturedCall> = {}) =>
  makeCall(seq, { facts, ...extra });

/** Two calls whose ECID changed because the identity cookie was not sent. */
const ecidChange = () => [
  withFacts(1, { ecid: ECID_A, identityCookieSent: false }),
  withFacts(2, { ecid: ECID_B, identityCookieSent: false }),
];

async function mount(messages: ToViewerMessage[]) {
  const { model, transport } = startedViewerModel();
  await act(() => render(<Viewer model={model} title="AEP Edge Inspector" />, container));
  await act(() => {
    for (const m of messages) transport.deliver(m);
  });
  return { model, transport };
}

async function showVisit() {
  await act(() => byText('[role="tablist"][aria-label="Views"] [role="tab"]', 'Visit')?.click());
}

describe('Visit view', () => {
  test('Calls and Visit are tabs; the Visit tab shows its tabpanel', async () => {
    await mount([snapshot(ecidChange())]);
    const tabs = $$('[role="tablist"][aria-label="Views"] [role="tab"]');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Calls', 'true'],
      ['Visit', 'false'],
      ['SDK', 'false'],
    ]);
    expect($('[role="grid"]')).not.toBeNull();
    await showVisit();
    const panel = $('[role="tabpanel"]');
    expect(panel?.getAttribute('aria-labelledby')).toBe(tabs[1]?.id);
    expect(tabs[1]?.getAttribute('aria-controls')).toBe(panel?.id);
    expect($('[role="grid"]')).toBeNull();
    expect($('[role="table"]')?.getAttribute('aria-label')).toBe('Visit lanes');
  });

  test('arrow keys on the tabs and the v key switch views', async () => {
    const { model } = await mount([snapshot(ecidChange())]);
    const calls = byText('[role="tab"]', 'Calls');
    calls?.focus();
    await act(() => {
      calls?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(model.pane.value).toBe('Visit');
    expect(document.activeElement?.textContent).toBe('Visit');
    await act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'v', bubbles: true }));
    });
    expect(model.pane.value).toBe('SDK');
    await act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'v', bubbles: true }));
    });
    expect(model.pane.value).toBe('Calls');
  });

  test('findings: counts, title, explanation, what to check next, and their calls', async () => {
    await mount([snapshot(ecidChange())]);
    await showVisit();
    expect($('.visit-heading')?.textContent).toBe('Visit findings: 1 warn');
    const item = $('[aria-label="Visit findings"] li');
    expect(item?.querySelector('h3')?.textContent).toContain('The ECID changed during the visit');
    expect(item?.textContent).toContain('identity cookie was not sent');
    expect(item?.textContent).toContain('What to check next:');
    expect([...(item?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toEqual([
      'Show #2 interact',
    ]);
  });

  test('a finding call button opens that call in the list, with its details', async () => {
    const { model, transport } = await mount([snapshot(ecidChange())]);
    await showVisit();
    await act(() => byText('[aria-label="Visit findings"] button', 'Show #2')?.click());
    expect(model.pane.value).toBe('Calls');
    expect(model.selectedId.value).toBe('call-2');
    expect(transport.sent).toContainEqual({ type: 'get-call', payload: { id: 'call-2' } });
    expect($('[role="row"][aria-selected="true"]')?.dataset.key).toBe('call-2');
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: { id: 'call-2', detail: { call: ecidChange()[1]! } },
      }),
    );
    const section = $('[aria-label="Visit findings for this call"]');
    expect(section?.textContent).toContain('The ECID changed during the visit');
    expect(section?.textContent).toContain('The identity cookie was not sent with this call');
  });

  test('call details leave the section out when no finding names the call', async () => {
    const { transport } = await mount([snapshot(ecidChange())]);
    await act(() => $$('[role="grid"] [role="row"][data-key]')[0]?.click());
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: { id: 'call-1', detail: { call: ecidChange()[0]! } },
      }),
    );
    expect($('.detail-summary')).not.toBeNull();
    expect($('[aria-label="Visit findings for this call"]')).toBeNull();
  });

  test('no findings: says so, and what the visit cannot say', async () => {
    await mount([snapshot([withFacts(1, { ecid: ECID_A }, { request: { captured: false } })])]);
    await showVisit();
    expect($('.visit-ok')?.textContent).toBe('No visit problems found.');
    expect($('[aria-label="What the visit cannot say"]')?.textContent).toContain(
      '1 of 1 calls have no request body here.',
    );
  });

  test('lanes: pages head their calls, and each lane says what the call did', async () => {
    await mount([
      snapshot(
        [
          withFacts(1, {
            ecid: ECID_A,
            hints: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800, pathSegment: 'or2' }],
          }),
          withFacts(2, { ecid: ECID_A }, { pageId: 'page-b' }),
        ],
        [
          makePage('page-a', { title: 'Home' }),
          makePage('page-b', { startedAt: Date.UTC(2026, 10, 25, 1, 45, 24, 500) }),
        ],
      ),
    ]);
    await showVisit();
    const rows = $$('[role="table"] [role="rowgroup"]:last-child [role="row"]');
    expect(rows.map((r) => r.querySelector('[role="cell"]')?.textContent?.split(' · ')[0])).toEqual(
      [
        'Page: Home — https://www.example.com/page-a',
        expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}\+\d+\.\d s$/),
        'Page: https://www.example.com/page-b',
        expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}\+0\.5 s$/),
      ],
    );
    const cells = [...(rows[1]?.querySelectorAll('[role="cell"]') ?? [])].map((c) => c.textContent);
    expect(cells[1]).toBe('#1 interact');
    expect(cells[2]).toContain(`ECID ${ECID_A}`);
    expect(cells[4]).toBe('hint EdgeNetwork or2, TTL 1800 spins /or2/: 1 of 1 later call followed');
    expect(rows[3]?.textContent).toContain('to /or2/: followed the hint of #1 interact');
  });

  test('10,000 calls: the lanes render only the rows in view, with the real row count', async () => {
    const calls = Array.from({ length: 10_000 }, (_, i) => withFacts(i + 1, { ecid: ECID_A }));
    await mount([snapshot(calls)]);
    await showVisit();
    expect($('[role="table"]')?.getAttribute('aria-rowcount')).toBe(String(10_000 + 1 + 1));
    const rendered = $$('[role="table"] [role="rowgroup"]:last-child [role="row"]');
    expect(rendered.length).toBeGreaterThan(3);
    expect(rendered.length).toBeLessThan(40);
  });

  test('the visit is built once per change of calls or pages, not per render', async () => {
    const { model, transport } = await mount([snapshot(ecidChange())]);
    await showVisit();
    const first = model.visit.value;
    await act(() => model.setFilter('something'));
    await act(() => model.setPane('Calls'));
    await act(() => model.setPane('Visit'));
    expect(model.visit.value).toBe(first);
    await act(() => {
      transport.deliver({ type: 'calls-upserted', payload: { calls: [makeCall(3)] } });
      model.flush();
    });
    expect(model.visit.value).not.toBe(first);
    expect(model.visit.value.order).toHaveLength(3);
  });

  test('page data is text, never markup', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    await mount([
      snapshot(
        [
          withFacts(1, {
            ecid: ECID_A,
            propositions: [{ id: hostile, scope: hostile, activity: hostile, items: 1 }],
          }),
        ],
        [makePage('page-a', { title: hostile })],
      ),
    ]);
    await showVisit();
    expect(container.querySelector('img')).toBeNull();
    expect($('[role="table"]')?.textContent).toContain(`Page: ${hostile}`);
    expect($('[role="table"]')?.textContent).toContain(`activity ${hostile}`);
  });
});
