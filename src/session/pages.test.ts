import { describe, expect, it } from 'vitest';
import type { RenderRecord } from '../edge/render-event';
import type { PageObservation } from './observation';
import { MAX_RENDERS_PER_PAGE, PageTable } from './pages';

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
