// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { JsonTree } from './JsonTree';
import { createJsonTreeModel } from './tree-model';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const items = () => [...container.querySelectorAll<HTMLElement>('[role="treeitem"]')];
const item = (id: string) => items().find((el) => el.dataset.id === id);
const texts = () => items().map((el) => el.textContent);

async function press(key: string, init: KeyboardEventInit = {}) {
  await act(() => {
    document.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, ...init }),
    );
  });
}

const body = {
  events: [
    {
      xdm: {
        eventType: 'web.webpagedetails.pageViews',
        web: { webPageDetails: { name: 'home' } },
      },
    },
  ],
  meta: { state: { domain: 'example.com' } },
};

describe('JsonTree', () => {
  test('an ARIA tree of treeitems, opened to a useful depth', async () => {
    await act(() => render(<JsonTree value={body} label="Request body" />, container));
    const tree = container.querySelector('[role="tree"]');
    expect(tree?.getAttribute('aria-label')).toBe('Request body');
    expect(texts().slice(0, 4)).toEqual([
      '▾Request body: { 2 keys }',
      '▾"events": [ 1 item ]',
      '▾0: { 1 key }',
      '▸"xdm": { 2 keys }',
    ]);
    const events = item('.events');
    expect(events?.getAttribute('aria-level')).toBe('2');
    expect(events?.getAttribute('aria-expanded')).toBe('true');
    expect(events?.getAttribute('aria-posinset')).toBe('1');
    expect(events?.getAttribute('aria-setsize')).toBe('2');
    expect(item('.events[0].xdm')?.getAttribute('aria-expanded')).toBe('false');
    expect(item('.meta.state.domain')?.hasAttribute('aria-expanded')).toBe(false);
    expect(container.querySelector('input[aria-label="Search JSON"]')).not.toBeNull();
  });

  test('keyboard: arrows move, open and close; one item is tabbable', async () => {
    await act(() => render(<JsonTree value={body} label="Request body" />, container));
    expect(items().filter((el) => el.tabIndex === 0)).toHaveLength(1);
    item('')?.focus();
    await press('ArrowDown');
    await press('ArrowDown');
    await press('ArrowDown');
    expect(document.activeElement?.getAttribute('data-id')).toBe('.events[0].xdm');
    await press('ArrowRight');
    expect(item('.events[0].xdm')?.getAttribute('aria-expanded')).toBe('true');
    expect(item('.events[0].xdm.eventType')).toBeDefined();
    await press('ArrowRight');
    expect(document.activeElement?.getAttribute('data-id')).toBe('.events[0].xdm.eventType');
    await press('ArrowLeft');
    expect(document.activeElement?.getAttribute('data-id')).toBe('.events[0].xdm');
    await press('ArrowLeft');
    expect(item('.events[0].xdm.eventType')).toBeUndefined();
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true');
    await press('End');
    expect(document.activeElement?.getAttribute('data-id')).toBe('.meta.state.domain');
    await press('Home');
    expect(document.activeElement?.getAttribute('data-id')).toBe('');
  });

  test('copy value and copy path of the selected item, with a confirmation', async () => {
    const copied: string[] = [];
    const model = createJsonTreeModel(body.events[0]?.xdm, {
      rootPath: 'events[0].xdm',
      clipboard: (text) => {
        copied.push(text);
        return Promise.resolve(true);
      },
    });
    await act(() =>
      render(<JsonTree value={model.root} model={model} label="XDM of event 0" />, container),
    );
    await act(() => item('.web.webPageDetails.name')?.click());
    const button = (name: string) =>
      [...container.querySelectorAll('button')].find((b) => b.textContent === name);
    await act(async () => button('Copy path')?.click());
    await act(async () => button('Copy value')?.click());
    expect(copied).toEqual(['events[0].xdm.web.webPageDetails.name', 'home']);
    const status = [...container.querySelectorAll('[role="status"]')].map((s) => s.textContent);
    expect(status).toContain('Copied the value of events[0].xdm.web.webPageDetails.name');
  });

  test('uses navigator.clipboard.writeText by default', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    await act(() => render(<JsonTree value={{ a: [1, 2] }} label="Body" />, container));
    await act(() => item('.a')?.click());
    const copy = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Copy value',
    );
    await act(async () => copy?.click());
    expect(written).toEqual(['[\n  1,\n  2\n]']);
  });

  test('search highlights matches and opens their ancestors', async () => {
    const deep = { a: { b: { c: { d: { needle: 'found me' } } } }, other: 'needle too' };
    await act(() => render(<JsonTree value={deep} label="Body" depth={1} />, container));
    expect(item('.a.b.c.d.needle')).toBeUndefined();
    const input = container.querySelector<HTMLInputElement>('input[aria-label="Search JSON"]');
    if (!input) throw new Error('no search box');
    input.value = 'NEEDLE';
    await act(() => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(item('.a.b.c.d.needle')?.querySelector('mark')?.textContent).toBe('needle');
    expect(item('.other')?.querySelector('mark')?.textContent).toBe('needle');
    const statuses = [...container.querySelectorAll('[role="status"]')].map((s) => s.textContent);
    expect(statuses).toContain('1 of 2 matches');
    expect(item('.a.b.c.d.needle')?.getAttribute('aria-selected')).toBe('true');
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(item('.other')?.getAttribute('aria-selected')).toBe('true');
  });

  test('keys and strings from the page are text, never markup or links', async () => {
    const hostile = JSON.parse(
      '{"__proto__": {"<img src=x onerror=alert(1)>": "javascript:alert(1)"}, "html": "<script>alert(2)</script>"}',
    ) as unknown;
    await act(() => render(<JsonTree value={hostile} label="Body" />, container));
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(item('.__proto__')?.textContent).toBe('▾"__proto__": { 1 key }');
    expect(container.textContent).toContain(
      '"<img src=x onerror=alert(1)>": "javascript:alert(1)"',
    );
    expect(container.textContent).toContain('"html": "<script>alert(2)</script>"');
    expect(({} as Record<string, unknown>)['<img src=x onerror=alert(1)>']).toBeUndefined();
  });

  test('long arrays are paged, long strings cut until "show all"', async () => {
    const value = { list: Array.from({ length: 230 }, (_, i) => i), text: 'y'.repeat(1000) };
    await act(() => render(<JsonTree value={value} label="Body" depth={2} />, container));
    const more = item('.list#more');
    expect(more?.textContent).toBe('Show 100 more (100 of 230 shown)');
    await act(() => more?.click());
    expect(item('.list[150]')).toBeDefined();
    expect(item('.list#more')?.textContent).toBe('Show 30 more (200 of 230 shown)');
    const text = item('.text');
    expect(text?.textContent).toContain('show all (700 more characters)');
    await act(() => text?.querySelector<HTMLElement>('.json-show-all')?.click());
    expect(item('.text')?.textContent).toBe(`▸"text": "${'y'.repeat(1000)}"`.replace('▸', ''));
  });

  test('a 5 MB body and 200 levels of nesting stay light', async () => {
    const big = Array.from({ length: 40_000 }, (_, i) => ({
      id: `item-${i}`,
      tags: ['a', 'b', 'c'],
      text: 'z'.repeat(100),
    }));
    expect(JSON.stringify(big).length).toBeGreaterThan(5_000_000);
    // Light means few rendered items (speed is npm run bench's: tests never time anything).
    await act(() => render(<JsonTree value={big} label="Big" />, container));
    expect(items().length).toBeLessThanOrEqual(310);

    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = { level: deep };
    await act(() => render(<JsonTree value={deep} label="Deep" />, container));
    const input = container.querySelector<HTMLInputElement>('input[aria-label="Search JSON"]');
    if (!input) throw new Error('no search box');
    input.value = 'bottom';
    await act(() => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(items()).toHaveLength(201);
    expect(items().at(-1)?.getAttribute('aria-level')).toBe('201');
  });
});
