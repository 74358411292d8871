/**
 * Waiting helpers for the world's own scripts (check-world.mjs, scripts/capture-fixtures.mjs).
 */

/**
 * Polls the simulator's `received` log from index `from` until `pred` matches: beacons and
 * pagehide events arrive after the page moved on.
 * @param {{received: import('./simulator.mjs').Received[]}} sim
 * @param {(r: import('./simulator.mjs').Received, i: number) => boolean} pred
 * @param {string} label
 * @param {{from?: number, timeout?: number}} [options]
 */
export async function waitForReceived(sim, pred, label, { from = 0, timeout = 15000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const hit = sim.received.slice(from).find(pred);
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the element at `sel` has text matching `re`.
 * @param {import('@playwright/test').Page} page @param {string} sel @param {RegExp} re
 */
export const waitText = (page, sel, re, timeout = 15000) =>
  page.waitForFunction(
    ([s = '', src = '']) => new RegExp(src).test(document.querySelector(s)?.textContent ?? ''),
    [sel, re.source],
    { timeout },
  );
