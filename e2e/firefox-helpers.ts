/**
 * Shared by the Firefox specs: the extension's store read from an extension page, and role
 * queries for puppeteer (its `::-p-aria` selector; Playwright cannot drive Debian's Firefox).
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { readStoreInPage, type StoredWithBodies } from './store-reader';

/** Every stored call with both body texts, from the extension's IndexedDB (any extension page). */
export function storedCalls(extensionPage: Page): Promise<StoredWithBodies[]> {
  return extensionPage.evaluate(readStoreInPage);
}

/** A puppeteer selector for the element with this ARIA role and accessible name. */
export function role(name: string, accessibleName?: string): string {
  const named = accessibleName === undefined ? '' : `[name=${JSON.stringify(accessibleName)}]`;
  return `::-p-aria([role="${name}"]${named})`;
}

/** The visible text of the element with this role and name (waits for it). */
export async function textOf(
  scope: Page | ElementHandle,
  roleName: string,
  accessibleName?: string,
): Promise<string> {
  const element = await scope.waitForSelector(role(roleName, accessibleName));
  if (!element) throw new Error(`no ${roleName} named ${accessibleName}`);
  return element.evaluate((el) => (el as HTMLElement).innerText);
}

/** The viewer's call rows (not the header), each as its cells' texts. */
export async function gridRows(viewer: Page): Promise<string[][]> {
  return viewer.$$eval('[role="grid"] [role="row"]', (rows) =>
    rows
      .filter((r) => r.querySelector('[role="gridcell"]'))
      .map((r) =>
        [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent?.trim() ?? ''),
      ),
  );
}
