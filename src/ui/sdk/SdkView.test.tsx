// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { SdkEvent } from '../../edge/sdk-event';
import type { CapturedCall, PageVisit } from '../../session/call';
import type { ToViewerMessage } from '../../shared/protocol';
import { startedViewerModel } from '../fake-transport';
import { fakeLayout, makeCall, makePage, makeStatus } from '../test-fixtures';
import { Viewer } from '../Viewer';
import { SDK_PAGE_SIZE } from './SdkView';

const DS = '8d4c2b1a-0000-4000-8000-000000000001';
const ORG = 'ABC123@AdobeOrg';
/** makeCall's first call starts at T + 1 s. */
const T = Date.UTC(2026, 10, 25, 1, 45, 23);

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

/** A page whose alloy sent a page view (call-1) and logged a warning and an error during it. */
function sdkEvents(extra: SdkEvent[] = []): SdkEvent[] {
  return [
    { at: T, kind: 'instance', instance: 'alloy', version: '2.33.1' },
    {
      at: T,
      kind: 'configured',
      instance: 'alloy',
      config: JSON.stringify({
        datastreamId: DS,
        orgId: ORG,
        edgeDomain: 'edge.adobedc.net',
        defaultConsent: 'pending',
      }),
    },
    { at: T, kind: 'tags', tags: { property: 'Demo property', environment: 'development' } },
    { at: T + 10, kind: 'hiding', hiding: 'hide-containers' },
    { at: T + 210, kind: 'hiding', hiding: 'show-containers' },
    { at: T + 20, kind: 'datalayer', datalayer: { event: 'pageLoaded', data: '{}' } },
    {
      at: T + 900,
      kind: 'command',
      instance: 'alloy',
      command: {
        name: 'sendEvent',
        phase: 'before',
        options: JSON.stringify({ renderDecisions: true, documentUnloading: true }),
      },
    },
    {
      at: T + 1100,
      kind: 'log',
      instance: 'alloy',
      log: { level: 'warn', component: 'Personalization', text: 'No decisions <b>here</b>' },
    },
    {
      at: T + 1150,
      kind: 'log',
      instance: 'alloy',
      log: { level: 'error', text: 'Request failed' },
    },
    {
      at: T + 1300,
      kind: 'command',
      instance: 'alloy',
      command: {
        name: 'sendEvent',
        phase: 'resolved',
        result: JSON.stringify({ propositions: [{}, {}] }),
      },
    },
    ...extra,
  ];
}

const sdkPage = (sdk: SdkEvent[]) =>
  ({ ...makePage('page-a'), url: 'https://www.shop.example/', sdk }) as PageVisit;

function snapshot(calls: CapturedCall[], pages: PageVisit[]): ToViewerMessage {
  return {
    type: 'snapshot',
    payload: { calls, pages, reset: true, done: true, status: makeStatus() },
  };
}

const calls = () => [makeCall(1, { sdkInstance: 'alloy' }), makeCall(5, { sdkInstance: 'alloy' })];

async function mount(messages: ToViewerMessage[]) {
  const { model, transport } = startedViewerModel();
  await act(() => render(<Viewer model={model} title="AEP Edge Inspector" />, container));
  await act(() => {
    for (const m of messages) transport.deliver(m);
  });
  return { model, transport };
}

async function showSdk() {
  await act(() => byText('[role="tablist"][aria-label="Views"] [role="tab"]', 'SDK')?.click());
}

describe('SDK view', () => {
  test('the summary line shows only when the SDK said something', async () => {
    await mount([snapshot(calls(), [makePage('page-a')])]);
    expect($('.sdk-summary')).toBeNull();
    await act(() => render(null, container));
    await mount([snapshot(calls(), [sdkPage(sdkEvents())])]);
    expect($('.sdk-summary')?.textContent).toBe(
      'Web SDK 2.33.1 · 1 instance (alloy) · datastream 8d4c… · Tags: Demo property (development) · 2 troubles',
    );
  });

  test('the SDK tab shows the instance, its configuration and trouble in words', async () => {
    await mount([snapshot(calls(), [sdkPage(sdkEvents())])]);
    await showSdk();
    const panel = $('[role="tabpanel"]');
    expect(panel?.getAttribute('aria-labelledby')).toBe(
      byText('[role="tab"]', 'SDK')?.getAttribute('id'),
    );
    const config = $('[aria-label="Configuration of alloy"]');
    const pairs = [...(config?.querySelectorAll('div') ?? [])].map((d) => [
      d.querySelector('dt')?.textContent,
      d.querySelector('dd')?.textContent,
    ]);
    expect(pairs).toContainEqual(['Datastream', DS]);
    expect(pairs).toContainEqual(['Org', ORG]);
    expect(pairs).toContainEqual(['Edge domain', 'edge.adobedc.net']);
    expect($('.sdk-page')?.textContent).toContain('Tags: Demo property (development)');
    expect($('.sdk-page')?.textContent).toContain(
      'Pre-hiding: Containers hidden (pre-hiding) · Containers shown after 200 ms hidden',
    );
    expect($('.sdk-page')?.textContent).toContain('Data layer: 1 push (pageLoaded)');
    const trouble = $$('[aria-label="Trouble with alloy"] li').map((li) => li.textContent);
    expect(trouble).toHaveLength(2);
    expect(trouble[0]).toMatch(/^⚠ Trouble: Default consent is pending/);
    expect(trouble[1]).toMatch(/edge.adobedc.net is not on the page's site/);
  });

  test('commands: label, outcome, options, result, and their calls as buttons', async () => {
    const { model } = await mount([snapshot(calls(), [sdkPage(sdkEvents())])]);
    await showSdk();
    const items = $$('[aria-label="Commands"] > li');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual([
      'sendEvent #1 (documentUnloading)',
    ]);
    const item = items[0];
    expect(item?.textContent).toContain('resolved in 400 ms');
    expect(item?.textContent).toContain('Result: 2 propositions');
    expect(
      $$('[aria-label="Options of sendEvent #1 (documentUnloading)"] li').map((l) => l.textContent),
    ).toEqual(['renderDecisions: true', 'documentUnloading: true']);
    const buttons = [...(item?.querySelectorAll('button') ?? [])];
    expect(buttons.map((b) => b.textContent)).toEqual(['Show #1 interact']);
    await act(() => buttons[0]?.click());
    expect(model.pane.value).toBe('Calls');
    expect(model.selectedId.value).toBe('call-1');
  });

  test('logs: counted, levels in words, linked to their command, filtered', async () => {
    await mount([snapshot(calls(), [sdkPage(sdkEvents())])]);
    await showSdk();
    expect(byText('h3', 'Logs')?.textContent).toBe('Logs: 1 error, 1 warning (2 lines)');
    const lines = () => $$('[aria-label="Log lines"] li').map((li) => li.textContent);
    expect(lines()[0]).toMatch(
      /Warning \[Personalization\] No decisions <b>here<\/b> \(during sendEvent #1 \(documentUnloading\)\)$/,
    );
    expect($('[aria-label="Log lines"] b')).toBeNull();
    expect(lines()[1]).toMatch(/Error Request failed/);
    const level = $('select[aria-label="Log level"]') as HTMLSelectElement;
    await act(() => {
      level.value = 'Errors';
      level.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/Request failed/);
    await act(() => {
      level.value = 'All levels';
      level.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const filter = $('input[aria-label="Filter logs"]') as HTMLInputElement;
    await act(() => {
      filter.value = 'decisions';
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/No decisions/);
  });

  test('a long log is shown a part at a time', async () => {
    const many: SdkEvent[] = Array.from({ length: SDK_PAGE_SIZE + 30 }, (_, i) => ({
      at: T + 5000 + i,
      kind: 'log',
      log: { level: 'info', text: `line ${i}` },
    }));
    await mount([snapshot(calls(), [sdkPage(sdkEvents(many))])]);
    await showSdk();
    expect($$('[aria-label="Log lines"] li')).toHaveLength(SDK_PAGE_SIZE);
    const more = byText('button', 'more log lines');
    expect(more?.textContent).toBe('Show 32 more log lines (32 not shown)');
    await act(() => more?.click());
    expect($$('[aria-label="Log lines"] li')).toHaveLength(SDK_PAGE_SIZE + 32);
    expect(byText('button', 'more log lines')).toBeUndefined();
  });

  test('call details say which command made the call, and lead back to it', async () => {
    const { model, transport } = await mount([snapshot(calls(), [sdkPage(sdkEvents())])]);
    await act(() => model.select('call-1'));
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: { id: 'call-1', detail: { call: calls()[0]! } },
      }),
    );
    const made = $('.detail-made-by');
    expect(made?.textContent).toMatch(
      /^Made by sendEvent #1 \(documentUnloading\) \(instance alloy\)/,
    );
    await act(() => made?.querySelector('button')?.click());
    expect(model.pane.value).toBe('SDK');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'sendEvent #1 (documentUnloading)',
    );
  });

  test('a call no command made says nothing; no SDK data says so in the view', async () => {
    const { model, transport } = await mount([snapshot(calls(), [makePage('page-a')])]);
    await act(() => model.select('call-5'));
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: { id: 'call-5', detail: { call: calls()[1]! } },
      }),
    );
    expect($('.detail-summary')).not.toBeNull();
    expect($('.detail-made-by')).toBeNull();
    await showSdk();
    expect($('[role="tabpanel"]')?.textContent).toMatch(/The Web SDK reported nothing/);
  });

  test('pages: the latest by default, another by choice, and the page of a call shown from it', async () => {
    const older = { ...sdkPage(sdkEvents()), id: 'page-a' } as PageVisit;
    const later = {
      ...makePage('page-b'),
      startedAt: T + 60_000,
      sdk: [
        {
          at: T + 60_000,
          kind: 'command',
          instance: 'alloy',
          command: { name: 'getIdentity', phase: 'before' },
        },
      ],
    } as PageVisit;
    const { model, transport } = await mount([snapshot(calls(), [older, later])]);
    await showSdk();
    const labels = () =>
      $$('[aria-label="Commands"] > li').map((li) => li.getAttribute('aria-label'));
    expect(labels()).toEqual(['getIdentity #1']);
    expect($('[aria-label="Commands"]')?.textContent).toContain('no answer yet');
    const select = $('select[aria-label="Page"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      expect.stringContaining('https://www.shop.example/'),
      expect.stringContaining('https://www.example.com/page-b'),
    ]);
    await act(() => {
      select.value = 'page-a';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(labels()).toEqual(['sendEvent #1 (documentUnloading)']);

    // Back in the list, then from call-1's details to its command, on its own (older) page.
    await act(() => model.setPane('Calls'));
    await act(() => model.select('call-1'));
    await act(() =>
      transport.deliver({
        type: 'call-detail',
        payload: { id: 'call-1', detail: { call: calls()[0]! } },
      }),
    );
    await act(() => $('.detail-made-by button')?.click());
    expect(($('select[aria-label="Page"]') as HTMLSelectElement | null)?.value).toBe('page-a');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'sendEvent #1 (documentUnloading)',
    );
    // The tab again: the latest page, nothing focused.
    await act(() => model.setPane('Calls'));
    await showSdk();
    expect(labels()).toEqual(['getIdentity #1']);
  });
});
