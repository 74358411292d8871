/**
 * Nothing lost across navigations and worker stops. Pages make calls and leave at once (to the
 * same origin, another origin, by reload, back and forward), while the worker is stopped at
 * random moments: before the calls, between the calls and the navigation (the relay still holds
 * them), and just after the navigation (its batch in flight). The simulator's own record is the
 * truth: every request it answered is stored once, with the bytes it received and sent.
 *
 * The moments are drawn from a seeded generator; the seed is printed and `FAULT_SEED=<n>` replays
 * a run.
 */
import { expect, test } from './fixtures';
import { readStoreInPage } from './store-reader';
import { compareWithSimulator, type StoreReport } from './wire-check';
import { watchWorker } from './worker-stops';

const MIN_STOPS = 20;
const MIN_STEPS = 40;

declare global {
  interface Window {
    /** The step at which the test left this document. */
    __left?: number;
    /** Set by pageshow when the document came back from the back/forward cache. */
    __restored?: boolean;
  }
}

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Move = 'same-origin' | 'cross-origin' | 'reload' | 'back' | 'forward';
const MOVES: Move[] = ['same-origin', 'cross-origin', 'reload', 'back', 'forward'];

test('pages leaving right after their calls, the worker stopped at 20+ random moments: every answered call stored once, with both bodies', async ({
  extension,
  world,
}) => {
  test.setTimeout(300_000);
  const seed = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);
  test.info().annotations.push({ type: 'seed', description: String(seed) });
  console.log(`navigation faults: FAULT_SEED=${seed}`);
  const random = seeded(seed);
  const run = `nav${seed.toString(36)}`;
  const ours = (id: string) => id.startsWith(`${run}-`);

  const { page } = await extension.openPage('/lab.html');
  /** The worker's own account of calls it kept under no tab (relay-outbox.ts). */
  const unplaced: string[] = [];
  extension.context.on('console', (message) => {
    if (message.text().includes('under no tab')) unplaced.push(message.text());
  });
  // Counts documents shown again from the back/forward cache.
  await page.addInitScript(() =>
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) window.__restored = true;
    }),
  );
  const origins = [world.site.url, world.site.url.replace('127.0.0.1', 'localhost')];
  const worker = await watchWorker(extension.context, extension.id);
  let stops = 0;
  const maybeStop = async (chance: number) => {
    if (random() >= chance) return;
    if (await worker.stop()) stops++;
  };
  const moves: Record<Move, number> = {
    'same-origin': 0,
    'cross-origin': 0,
    reload: 0,
    back: 0,
    forward: 0,
  };
  let restoredFromCache = 0;

  for (let step = 1; step <= MIN_STEPS || stops < MIN_STOPS; step++) {
    await page.waitForFunction(() => window.lab !== undefined);
    await maybeStop(0.25);
    // An interact whose answer the page reads, then a collect beacon as the page leaves: both
    // are in the relay's queue (it coalesces for 250 ms) when the navigation starts.
    await page.evaluate(async (id) => {
      await window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody(id), {
        query: { configId: window.lab.datastreamId, requestId: `${id}-i` },
      });
      window.lab.beaconEdge('/ee/v1/collect', window.lab.interactBody(`${id} leaving`), true, {
        query: { configId: window.lab.datastreamId, requestId: `${id}-c` },
      });
    }, `${run}-${step}`);
    await maybeStop(0.5);

    const move = MOVES[Math.floor(random() * MOVES.length)]!;
    const here = page.url();
    const sameOrigin = origins.find((o) => here.startsWith(o))!;
    const otherOrigin = origins.find((o) => !here.startsWith(o))!;
    // Marks the document being left: after the move, a different mark (or none) means another
    // document is showing, a restored one included (goBack reports no response for those).
    await page.evaluate((s) => (window.__left = s), step);
    if (move === 'reload') await page.reload();
    else if (move === 'back') await page.goBack();
    else if (move === 'forward') await page.goForward();
    else if (move === 'cross-origin') await page.goto(`${otherOrigin}/lab.html?step=${step}`);
    else await page.goto(`${sameOrigin}/lab.html?step=${step}`);
    const moved =
      page.url().includes('/lab.html') && (await page.evaluate((s) => window.__left !== s, step));
    // A back/forward with no history entry that way (or back to the tab's first about:blank)
    // becomes a same-origin navigation.
    if (!moved) await page.goto(`${sameOrigin}/lab.html?step=${step}`);
    moves[moved ? move : 'same-origin']++;
    if (await page.evaluate(() => window.__restored === true)) restoredFromCache++;
    await page.evaluate(() => (window.__restored = false));
    await maybeStop(0.5);
  }
  console.log(
    `navigation faults: ${stops} stops, moves ${JSON.stringify(moves)}, ${restoredFromCache} from the back/forward cache`,
  );
  expect(stops).toBeGreaterThanOrEqual(MIN_STOPS);
  expect(moves['cross-origin']).toBeGreaterThan(0);
  expect(moves.reload).toBeGreaterThan(0);
  expect(moves.back + moves.forward).toBeGreaterThan(0);

  // The simulator has answered everything it received from this run.
  const answered = () =>
    world.simulator.received.filter((r) => r.method === 'POST' && ours(r.query.requestId ?? ''));
  await expect.poll(() => answered().every((r) => r.status !== undefined)).toBe(true);
  const sent = answered();
  expect(sent.length).toBeGreaterThanOrEqual(2 * MIN_STEPS - 4);

  const viewer = await extension.openViewer();
  let report: StoreReport | undefined;
  await expect
    .poll(
      async () => {
        report = compareWithSimulator(sent, await viewer.evaluate(readStoreInPage), ours);
        return { ...report, unanswered: undefined };
      },
      { timeout: 30_000 },
    )
    .toEqual({ lost: [], doubled: [], wrongRequest: [], wrongResponse: [], failed: [] });
  console.log(
    `navigation faults: ${sent.length} calls answered, all stored once with their bodies; ${unplaced.length} pages' calls kept under no tab; ${report?.unanswered.length} beacons stored without their status`,
  );
});
