import { describe, expect, it } from 'vitest';
import type { SdkEvent } from '../edge/sdk-event';
import { wr } from '../session/test-observations';
import { INTAKE_PREFIX, IntakeLog } from './intake-log';
import { memoryArea } from './test-area';

const batch = (id: string) => ({ observations: [wr('request', { webRequestId: id })], pages: [] });

describe('IntakeLog', () => {
  it('gives a later run what an earlier run logged and did not release, oldest first', async () => {
    const area = memoryArea();
    const first = new IntakeLog(area, 'a');
    const one = first.write(batch('1'));
    const two = first.write(batch('2'));
    const three = first.write(batch('3'));
    expect(await Promise.all([one.written, two.written, three.written])).toEqual([
      true,
      true,
      true,
    ]);
    await first.release([two.key]);

    const next = new IntakeLog(area, 'b');
    const left = await next.leftovers();
    expect(left.map((l) => l.batch.observations[0])).toEqual([
      batch('1').observations[0],
      batch('3').observations[0],
    ]);
  });

  it("does not count its own run's entries as leftovers", async () => {
    const area = memoryArea();
    const log = new IntakeLog(area, 'a');
    await log.write(batch('1')).written;
    expect(await log.leftovers()).toEqual([]);
  });

  it('says when the browser refused the write, so the caller waits for the commit', async () => {
    const area = memoryArea();
    area.refuse = true;
    expect(await new IntakeLog(area, 'a').write(batch('1')).written).toBe(false);
  });

  it('drops entries that are not batches, and ignores keys that are not its own', async () => {
    const area = memoryArea();
    await area.set({ [`${INTAKE_PREFIX}old:1`]: 'junk', trackingPlan: { text: 'x' } });
    expect(await new IntakeLog(area, 'b').leftovers()).toEqual([]);
    expect([...area.items.keys()]).toEqual(['trackingPlan']);
  });

  it("keeps a page notice's renders for the replay", async () => {
    const area = memoryArea();
    const renders = [{ at: 5, status: 'rendering-succeeded', propositions: [{ id: 'AT:1' }] }];
    const pages = [{ tabId: 1, url: '', time: 6, renders }];
    await new IntakeLog(area, 'a').write({ observations: [], pages }).written;
    const [left] = await new IntakeLog(area, 'b').leftovers();
    expect(left?.batch.pages).toEqual(pages);
  });

  it("keeps a page notice's SDK events for the replay", async () => {
    const area = memoryArea();
    const sdk: SdkEvent[] = [
      { at: 5, kind: 'command', command: { name: 'sendEvent', phase: 'rejected', error: 'no' } },
      { at: 6, kind: 'datalayer', datalayer: { event: 'cart-add', data: '{}' } },
    ];
    const pages = [{ tabId: 1, documentId: 'd', url: 'https://shop.example/', time: 6, sdk }];
    await new IntakeLog(area, 'a').write({ observations: [], pages }).written;
    const [left] = await new IntakeLog(area, 'b').leftovers();
    expect(left?.batch.pages).toEqual(pages);
  });
});
