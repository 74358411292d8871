/**
 * A long call list in real Chromium: scrolling re-uses row elements (src/ui/row-slots.ts) instead
 * of building new ones, every row shows the call at its position, the rows go back into visual
 * order once the scrolling stops, the keyboard focus survives that, and a cell's tooltip is the
 * call's (set on hover, since elements change calls).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { captureStatus, expect, test } from './fixtures';

const CALLS = 400;
const datastream = (i: number) => `ds-${String(i).padStart(4, '0')}`;

/** A HAR of `CALLS` Edge interact calls, call i to datastream `ds-000i`, a second apart. */
function longHar(): string {
  const start = Date.parse('2026-12-01T10:00:00Z');
  const entries = Array.from({ length: CALLS }, (_, i) => {
    const request = JSON.stringify({
      events: [
        {
          xdm: {
            eventType: 'web.webinteraction.linkClicks',
            timestamp: new Date(start).toISOString(),
          },
        },
      ],
    });
    const response = JSON.stringify({ requestId: `long-${i}`, handle: [] });
    return {
      startedDateTime: new Date(start + i * 1000).toISOString(),
      time: 20,
      request: {
        method: 'POST',
        url: `https://edge.adobedc.net/ee/v2/interact?configId=${datastream(i)}&requestId=long-${i}`,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: request.length,
        postData: { mimeType: 'application/json', text: request },
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        cookies: [],
        content: { size: response.length, mimeType: 'application/json', text: response },
        redirectURL: '',
        headersSize: -1,
        bodySize: response.length,
      },
      cache: {},
      timings: { send: 0, wait: 20, receive: 0 },
    };
  });
  const path = join(mkdtempSync(join(tmpdir(), 'aep-long-')), 'long.har');
  writeFileSync(
    path,
    JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }),
  );
  return path;
}

/** The body rows in DOM order: their aria-rowindex and the Datastream cell's text. */
function domRows(viewer: Page) {
  return viewer.evaluate(() =>
    [...document.querySelectorAll('[role="grid"] [role="rowgroup"]:last-child [role="row"]')].map(
      (row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        datastream: row.querySelectorAll('[role="gridcell"]')[3]?.textContent ?? '',
      }),
    ),
  );
}

test('a long list re-uses its rows while scrolling and puts them back in order', async ({
  extension,
}) => {
  const viewer = await extension.openViewer();
  await viewer.getByLabel('Import a HAR or session file').setInputFiles(longHar());
  await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${CALLS} calls`));
  const grid = viewer.getByRole('grid', { name: 'Edge calls' });
  await expect(grid.getByRole('gridcell', { name: datastream(0) })).toBeVisible();

  // Scroll down 480 px a frame for 12 frames, counting the row elements added meanwhile.
  const scrolled = await viewer.evaluate(async () => {
    const body = document.querySelector<HTMLElement>('[role="grid"] [role="rowgroup"]:last-child');
    if (!body) throw new Error('no grid body');
    const spacer = body.firstElementChild as HTMLElement;
    const before = spacer.children.length;
    let added = 0;
    const observer = new MutationObserver((records) => {
      for (const record of records) added += record.addedNodes.length;
    });
    observer.observe(spacer, { childList: true });
    for (let i = 0; i < 12; i++) {
      body.scrollTop += 480;
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    }
    observer.disconnect();
    return { before, added };
  });
  expect(scrolled.before).toBeGreaterThan(20);
  // Built anew, each frame would add about 20 rows (240 in all); re-used, a few at most.
  expect(scrolled.added).toBeLessThan(10);

  // Every row shows the call at its position; once settled, the DOM order is the visual order.
  await expect
    .poll(async () => {
      const rows = await domRows(viewer);
      const sorted = [...rows].sort((a, b) => a.index - b.index);
      return {
        inOrder: rows.every((row, i) => row.index === sorted[i]?.index),
        right: rows.every((row) => row.datastream === datastream(row.index - 2)),
      };
    })
    .toEqual({ inOrder: true, right: true });

  // A focused row that scrolls away lends its element to another call: that call's row must not
  // look focused. A row focused while the rows are out of order keeps the focus when putting them
  // back in order moves its element (tried on rows until one is moved).
  const focus = await viewer.evaluate(async () => {
    const body = document.querySelector<HTMLElement>('[role="grid"] [role="rowgroup"]:last-child');
    const spacer = body?.firstElementChild;
    if (!body || !spacer) throw new Error('no grid body');
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const rows = () => [...body.querySelectorAll<HTMLElement>('[role="row"][data-key]')];
    const inOrder = () => {
      const indexes = rows().map((row) => Number(row.ariaRowIndex));
      return indexes.every((index, i) => i === 0 || index > (indexes[i - 1] ?? 0));
    };
    const first = rows().sort((a, b) => Number(a.ariaRowIndex) - Number(b.ariaRowIndex))[3];
    const firstKey = first?.dataset.key;
    first?.focus();
    for (let i = 0; i < 6; i++) {
      body.scrollTop += 480;
      await frame();
    }
    const afterScroll = (document.activeElement as HTMLElement | null)?.dataset.key;
    const tries = [];
    for (let k = 0; k < 8; k++) {
      body.scrollTop += 240;
      await frame();
      const candidate = rows()[k] as HTMLElement;
      const wanted = candidate.dataset.key;
      candidate.focus();
      const wasInOrder = inOrder();
      let moved = false;
      const observer = new MutationObserver((records) => {
        moved ||= records.some((r) => [...r.removedNodes].includes(candidate));
      });
      observer.observe(spacer, { childList: true });
      while (!inOrder()) await frame();
      await frame();
      observer.disconnect();
      tries.push({
        wasInOrder,
        moved,
        kept: (document.activeElement as HTMLElement | null)?.dataset.key === wanted,
      });
      if (moved && !wasInOrder) break;
    }
    return {
      leftRowStillFocused: afterScroll !== undefined && afterScroll !== firstKey,
      movedOne: tries.some((t) => t.moved && !t.wasInOrder),
      focusKept: tries.every((t) => t.kept),
      top: Math.round(body.scrollTop / 24),
    };
  });
  expect(focus).toMatchObject({ leftRowStillFocused: false, movedOne: true, focusKept: true });

  // A cell's tooltip is its call's while the pointer is on it, and goes when it leaves.
  const cell = grid
    .getByRole('row')
    .filter({ hasText: datastream(focus.top + 5) })
    .getByRole('gridcell');
  await cell.nth(3).hover();
  await expect(cell.nth(3)).toHaveAttribute('title', datastream(focus.top + 5));
  await cell.nth(0).hover();
  await expect(cell.nth(0)).toHaveAttribute('title', /^2026-12-01T10:0\d:\d\d\.000Z$/);
  await expect(cell.nth(3)).not.toHaveAttribute('title');

  // The keyboard: Home, then End, scroll the whole list; the focus stays on the row it moved to.
  await cell.nth(3).click();
  await viewer.keyboard.press('Home');
  await expect(viewer.locator(':focus')).toContainText(datastream(0));
  await viewer.keyboard.press('End');
  await expect(viewer.locator(':focus')).toContainText(datastream(CALLS - 1));
  await viewer.keyboard.press('PageUp');
  await expect(viewer.locator(':focus')).toContainText(datastream(CALLS - 11));
  await expect
    .poll(async () => {
      const rows = await domRows(viewer);
      return rows.every((row, i) => i === 0 || row.index > (rows[i - 1]?.index ?? 0));
    })
    .toBe(true);
  await expect(viewer.locator(':focus')).toContainText(datastream(CALLS - 11));
  await viewer.keyboard.press('ArrowDown');
  await expect(viewer.locator(':focus')).toContainText(datastream(CALLS - 10));
});
