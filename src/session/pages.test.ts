import { describe, expect, it } from 'vitest';
import type { RenderRecord } from '../edge/render-event';
import type { SdkEvent } from '../edge/sdk-event';
import type { PageObservation } from './observation';
import { MAX_RENDERS_PER_PAGE, MAX_SDK_PER_PAGE, PageTable } from './pages';

const render = (at: number, status = 'rendering-succeeded', ids = ['AT:1']): RenderRecord => ({
  at,
  status,
  propositions: ids.map((id) => ({ id, scope: '__view__' })),
});

const intro = (documentId: string, time: number): PageObservation => ({
  tabId: 1,
  documentId,
  url: `https://shop.example/${documentId}`,
  time,
});

const renders = (
  renders: RenderRecord[],
  over: Partial<PageObservation> = {},
): PageObservation => ({ tabId: 1, url: '', time: 10_000, renders, ...over });

describe('PageTable.observe: renders', () => {
  it('adds renders to the page, and a replayed notice adds nothing and changes nothing', () => {
    const table = new PageTable();
    table.observe(intro('d1', 100));
    const notice = renders([render(200), render(200, 'rendering-started')], { documentId: 'd1' });
    expect(table.observe(notice)?.renders).toEqual([render(200), render(200, 'rendering-started')]);
    expect(table.observe(notice)).toBeUndefined();
    expect(table.observe({ ...notice, renders: [render(200)] })).toBeUndefined();
    expect(table.get('d1')?.renders).toHaveLength(2);
    expect(table.get('d1')?.startedAt).toBe(100);
    // Same time and status, other propositions: another event.
    expect(
      table.observe(renders([render(200, 'rendering-succeeded', ['AT:2'])], { documentId: 'd1' }))
        ?.renders,
    ).toHaveLength(3);
  });

  it('keeps the latest renders, oldest first, up to the cap', () => {
    const table = new PageTable();
    table.observe(intro('d1', 0));
    const many = Array.from({ length: MAX_RENDERS_PER_PAGE + 30 }, (_, i) => render(1000 - i));
    const page = table.observe(renders(many, { documentId: 'd1' }));
    expect(page?.renders).toHaveLength(MAX_RENDERS_PER_PAGE);
    expect(page?.renders?.[0]?.at).toBe(1000 - MAX_RENDERS_PER_PAGE + 1);
    expect(page?.renders?.at(-1)?.at).toBe(1000);
    // One older than all that is kept falls off at once: nothing changed.
    expect(table.observe(renders([render(1)], { documentId: 'd1' }))).toBeUndefined();
  });

  it("a notice for an unknown page goes to the tab's current page", () => {
    const table = new PageTable();
    table.observe(intro('d1', 100));
    table.observe(intro('d2', 200));
    table.observe({ ...intro('other-tab', 300), tabId: 2 });
    // A subframe: no documentId.
    expect(table.observe(renders([render(250)]))?.id).toBe('d2');
    // The top frame before its page's notice: documentId, but no url to make the page with.
    expect(table.observe(renders([render(260)], { documentId: 'd3' }))?.id).toBe('d2');
    expect(table.get('d3')).toBeUndefined();
    expect(table.get('d2')?.renders?.map((r) => r.at)).toEqual([250, 260]);
    expect(table.get('d1')?.renders).toBeUndefined();
    // A tab without pages: nowhere to go.
    expect(table.observe(renders([render(1)], { tabId: 9 }))).toBeUndefined();
  });

  it('a notice with a documentId and a url makes the page, with its renders', () => {
    const table = new PageTable();
    const page = table.observe({ ...intro('d1', 100), renders: [render(150)] });
    expect(page).toMatchObject({ id: 'd1', startedAt: 100, renders: [render(150)] });
    // A renders-only notice never moves the page's start.
    expect(table.observe(renders([render(160)], { documentId: 'd1', time: 5 }))?.startedAt).toBe(
      100,
    );
  });
});

describe('PageTable.observe: SDK events', () => {
  const log = (at: number, text = 'Instance initialized.'): SdkEvent => ({
    at,
    kind: 'log',
    log: { level: 'info', text },
  });
  const command = (at: number, phase: 'before' | 'resolved', name = 'sendEvent'): SdkEvent => ({
    at,
    kind: 'command',
    command: { name, phase },
  });
  const sdk = (events: SdkEvent[], over: Partial<PageObservation> = {}): PageObservation => ({
    tabId: 1,
    url: '',
    time: 10_000,
    sdk: events,
    ...over,
  });

  it('adds them to the page, and a replayed notice adds nothing', () => {
    const table = new PageTable();
    table.observe(intro('d1', 100));
    const notice = sdk([log(200), command(200, 'before'), command(200, 'resolved')], {
      documentId: 'd1',
    });
    expect(table.observe(notice)?.sdk).toHaveLength(3);
    expect(table.observe(notice)).toBeUndefined();
    expect(table.observe({ ...notice, sdk: [command(200, 'resolved')] })).toBeUndefined();
    // Same time, other text, other command, other phase: other events.
    const others = [log(200, 'other'), command(200, 'before', 'getIdentity')];
    expect(table.observe(sdk(others, { documentId: 'd1' }))?.sdk).toHaveLength(5);
    // Renders and SDK events live side by side.
    const both = table.observe({ ...sdk([log(300)]), documentId: 'd1', renders: [render(300)] });
    expect(both?.sdk).toHaveLength(6);
    expect(both?.renders).toEqual([render(300)]);
  });

  it('keeps the latest ones, in the order the page reported them, up to the cap', () => {
    const table = new PageTable();
    table.observe(intro('d1', 0));
    const many = Array.from({ length: MAX_SDK_PER_PAGE + 40 }, (_, i) => log(i, `line ${i}`));
    const page = table.observe(sdk(many, { documentId: 'd1' }));
    expect(page?.sdk).toHaveLength(MAX_SDK_PER_PAGE);
    expect(page?.sdk?.[0]?.at).toBe(40);
    expect(page?.sdk?.at(-1)?.at).toBe(MAX_SDK_PER_PAGE + 39);
    expect(table.observe(sdk([log(1, 'late')], { documentId: 'd1' }))).toBeUndefined();
    // One millisecond, many events: their order is kept.
    const same = ['a', 'b', 'c', 'd'].map((t) => log(5000, t));
    const after = table.observe(sdk(same, { documentId: 'd1' }));
    expect(after?.sdk?.slice(-4).map((e) => e.log?.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("a notice for an unknown page goes to the tab's current page; a new page keeps its own", () => {
    const table = new PageTable();
    table.observe(intro('d1', 100));
    expect(table.observe(sdk([log(150)]))?.sdk).toEqual([log(150)]);
    expect(table.observe(sdk([log(1)], { tabId: 9 }))).toBeUndefined();
    expect(table.observe({ ...intro('d2', 200), sdk: [log(210)] })?.sdk).toEqual([log(210)]);
  });
});
