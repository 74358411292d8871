/**
 * The worker dying on its own: Chromium stops an idle extension worker after about 30 s, but only
 * when nothing is attached to it (Playwright attaches to every worker, so this spec drives the
 * browser with puppeteer-core told to leave service workers alone). Two bursts of calls with the
 * worker's natural death between them: every call the simulator answered is stored once, with the
 * bytes it received and sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { readStoreInPage } from './store-reader';
import { compareWithSimulator } from './wire-check';
import { chromiumArgs, findChromium, prepareProfile } from './world/chromium.mjs';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

test('the worker left idle until Chromium stops it, between two bursts: every call stored once, with both bodies', async ({
  world,
}) => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'aep-idle-'));
  prepareProfile(profile);
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    userDataDir: profile,
    ignoreDefaultArgs: ['--disable-extensions'],
    enableExtensions: true,
    args: chromiumArgs({ extensionDir: EXTENSION_DIR, simulatorPort: world.simulator.port }),
    // Attached to, a worker never idles: leave it alone.
    targetFilter: (target) => target.type() !== 'service_worker',
  });
  try {
    // The browser's own view of its targets, without attaching to any.
    const session = await browser.target().createCDPSession();
    const workers = new Map<string, TargetInfo>();
    let starts = 0;
    let stops = 0;
    session.on('Target.targetCreated', ({ targetInfo }: { targetInfo: TargetInfo }) => {
      if (targetInfo.type !== 'service_worker' || !targetInfo.url.startsWith('chrome-extension:'))
        return;
      workers.set(targetInfo.targetId, targetInfo);
      starts++;
    });
    session.on('Target.targetDestroyed', ({ targetId }: { targetId: string }) => {
      if (workers.delete(targetId)) stops++;
    });
    await session.send('Target.setDiscoverTargets', { discover: true });
    await expect.poll(() => workers.size).toBe(1);
    const id = new URL([...workers.values()][0]!.url).host;

    // Start-up race (docs/browser-testing.md): make the webRequest listeners effective first.
    const setup = await browser.newPage();
    await setup.goto(`chrome-extension://${id}/devtools/panel.html`);
    await setup.evaluate(() => chrome.webRequest.handlerBehaviorChanged());
    await setup.close();

    const page = await browser.newPage();
    const burst = async (label: string) => {
      await page.goto(`${world.site.url}/lab.html?burst=${label}`);
      await page.waitForFunction(() => window.lab !== undefined);
      await page.evaluate(async (name) => {
        for (let i = 0; i < 5; i++) {
          await window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody(`${name} ${i}`), {
            query: { configId: window.lab.datastreamId, requestId: `idle-${name}-${i}` },
          });
        }
        window.lab.beaconEdge('/ee/v1/collect', window.lab.interactBody(`${name} beacon`), true, {
          query: { configId: window.lab.datastreamId, requestId: `idle-${name}-beacon` },
        });
      }, label);
    };

    await burst('first');
    // Idle: Chromium stops the worker by itself (after about 30 s on these machines).
    const stoppedBefore = stops;
    await expect.poll(() => stops, { timeout: 90_000, intervals: [1_000] }).toBe(stoppedBefore + 1);
    expect(workers.size).toBe(0);

    const startedBefore = starts;
    await burst('second');
    // The calls themselves woke a new worker.
    await expect.poll(() => starts).toBe(startedBefore + 1);

    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${id}/devtools/panel.html`);
    const ours = (requestId: string) => requestId.startsWith('idle-');
    const answered = () =>
      world.simulator.received.filter(
        (r) => r.method === 'POST' && ours(r.query.requestId ?? '') && r.status !== undefined,
      );
    await expect.poll(() => answered().length).toBe(12);
    const sent = answered();
    await expect
      .poll(async () => {
        const report = compareWithSimulator(sent, await viewer.evaluate(readStoreInPage), ours);
        return { ...report, unanswered: undefined };
      })
      .toEqual({ lost: [], doubled: [], wrongRequest: [], wrongResponse: [], failed: [] });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
