/**
 * `npm start` as a new user without a display runs it: it builds, drives the demo headless, and
 * ends with a screenshot of the viewer and a table of the captured calls.
 * (npm test has already built dist/; this runs the start script itself, as `npm start` does after
 * its build step. .ci/run does the whole thing on a fresh clone.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const SCREENSHOT = resolve('artifacts/viewer.png');

test('npm start without a display ends with the viewer screenshot and the call table', async () => {
  test.setTimeout(120_000);
  rmSync(SCREENSHOT, { force: true });
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, ['e2e/world/start.mjs'], { env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));

  expect(code, output).toBe(0);
  expect(output).toContain('No display: driving the demo headless.');
  const captured = /Captured (\d+) Edge calls \(the simulator answered (\d+)\)/.exec(output);
  expect(captured, output).not.toBeNull();
  expect(Number(captured?.[1])).toBeGreaterThanOrEqual(7);
  expect(captured?.[1]).toBe(captured?.[2]);
  for (const column of [
    'Time',
    'Action',
    'Event type(s)',
    'Datastream',
    'Status',
    'Duration',
    'Size',
    'Page',
  ]) {
    expect(output).toContain(column);
  }
  for (const action of ['interact', 'collect', 'set-consent', 'acquire'])
    expect(output).toContain(action);
  expect(existsSync(SCREENSHOT)).toBe(true);
  // A real PNG, not an empty file.
  const png = readFileSync(SCREENSHOT);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.byteLength).toBeGreaterThan(10_000);
});
