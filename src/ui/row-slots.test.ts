import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_SLOTS, planSlots, type SlotState } from './row-slots';

/** The rows shown for a window [start, end) of a list of row keys `r0`, `r1`, … */
const windowOf = (start: number, end: number) =>
  Array.from({ length: end - start }, (_, i) => `r${start + i}`);

const slotsIn = (plan: { slotOf: ReadonlyMap<string, number> }, keys: readonly string[]) =>
  keys.map((key) => plan.slotOf.get(key));

describe('planSlots', () => {
  it('numbers the first rows in order and renders them in order', () => {
    const plan = planSlots(NO_SLOTS, windowOf(0, 4), true);
    expect(slotsIn(plan, windowOf(0, 4))).toEqual([0, 1, 2, 3]);
    expect(plan.order).toEqual([0, 1, 2, 3]);
    expect(plan.domOrder).toEqual([0, 1, 2, 3]);
  });

  it('while scrolling, gives the slots of the rows that left to the rows that came, in place', () => {
    const first = planSlots(NO_SLOTS, windowOf(0, 5), true);
    const scrolled = planSlots(first, windowOf(2, 7), false);
    // r2..r4 keep 2..4; r5 and r6 take 0 and 1, which r0 and r1 gave up.
    expect(slotsIn(scrolled, windowOf(2, 7))).toEqual([2, 3, 4, 0, 1]);
    // Nothing moves: slots 0..4 stay in DOM order, so r5, r6 come first in the DOM.
    expect(scrolled.domOrder).toEqual([0, 1, 2, 3, 4]);
    expect(scrolled.order).toEqual([3, 4, 0, 1, 2]);
  });

  it('once settled, renders in visual order and keeps every slot', () => {
    const first = planSlots(NO_SLOTS, windowOf(0, 5), true);
    const scrolled = planSlots(first, windowOf(2, 7), false);
    const settled = planSlots(scrolled, windowOf(2, 7), true);
    expect(slotsIn(settled, windowOf(2, 7))).toEqual([2, 3, 4, 0, 1]);
    expect(settled.order).toEqual([0, 1, 2, 3, 4]);
    expect(settled.domOrder).toEqual([2, 3, 4, 0, 1]);
  });

  it('adds slots when the view grows and frees them when it shrinks', () => {
    const first = planSlots(NO_SLOTS, windowOf(0, 3), true);
    const grown = planSlots(first, windowOf(0, 5), false);
    expect(slotsIn(grown, windowOf(0, 5))).toEqual([0, 1, 2, 3, 4]);
    const shrunk = planSlots(grown, windowOf(3, 5), false);
    expect(slotsIn(shrunk, windowOf(3, 5))).toEqual([3, 4]);
    expect(shrunk.domOrder).toEqual([3, 4]);
    const again = planSlots(shrunk, windowOf(3, 7), false);
    expect(new Set(slotsIn(again, windowOf(3, 7))).size).toBe(4);
  });

  it('gives a key listed twice a slot of its own', () => {
    const plan = planSlots(NO_SLOTS, ['a', 'a', 'b'], true);
    expect(new Set(plan.domOrder).size).toBe(3);
  });

  const step = fc.record({
    start: fc.nat(200),
    length: fc.integer({ min: 0, max: 40 }),
    settled: fc.boolean(),
  });

  it('property: slots are unique, rows in view keep theirs, nothing moves while scrolling', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        let state: SlotState<string> = NO_SLOTS;
        for (const { start, length, settled } of steps) {
          const keys = windowOf(start, start + length);
          const plan = planSlots(state, keys, settled);
          // One slot per row shown, each shown row rendered once.
          expect(new Set(plan.domOrder).size).toBe(keys.length);
          expect([...plan.order].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
          expect(plan.domOrder).toEqual(plan.order.map((i) => plan.slotOf.get(keys[i] as string)));
          for (const key of keys) {
            const before = state.slotOf.get(key);
            if (before !== undefined) expect(plan.slotOf.get(key)).toBe(before);
          }
          if (settled) expect(plan.order).toEqual(keys.map((_, i) => i));
          else {
            // The slots that stay keep their relative DOM order: no element is moved.
            const stayed = plan.domOrder.filter((slot) => state.domOrder.includes(slot));
            expect(stayed).toEqual(state.domOrder.filter((slot) => stayed.includes(slot)));
          }
          state = plan;
        }
      }),
    );
  });
});
