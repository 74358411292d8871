/**
 * Row slots for a virtualised list: which DOM row shows which list row, so scrolling re-uses the
 * row elements that left the view instead of building new ones and removing old ones.
 *
 * A scroll frame of 480 px brings about 20 new rows. Built new, each costs its elements, their
 * style and layout tree, and the garbage of the old ones: measured, most of a 35 ms frame. Re-used
 * in place, a row only changes its text and attributes (about 10 ms). The call grid's painter
 * (row-painter.ts) and Preact (the Visit lanes, keyed by slot) patch a slot's element with the
 * next row it shows.
 *
 * While the list scrolls, a slot keeps its place in the DOM (moving an element costs as much as
 * building it), so the DOM order is not the visual order. Once the scrolling settles, the rows are
 * put back in visual order for assistive technology and anything that reads the DOM in order; as
 * AG Grid does with `ensureDomOrder`, but only between scrolls. `aria-rowindex` gives every row
 * its position in both cases.
 */

export interface SlotState<K> {
  /** The slot of each row key now shown. */
  readonly slotOf: ReadonlyMap<K, number>;
  /** The slots in DOM order. */
  readonly domOrder: readonly number[];
}

export interface SlotPlan<K> extends SlotState<K> {
  /** Indexes into the given keys, in the order to render them (the DOM order). */
  readonly order: readonly number[];
}

export const NO_SLOTS: SlotState<never> = { slotOf: new Map<never, number>(), domOrder: [] };

/**
 * The slots for `keys` (the rows in view, in visual order) after `previous`:
 * - a row still in view keeps its slot;
 * - a new row takes a slot a row that left gave up (the lowest first), else a new one;
 * - `settled`: render in visual order; scrolling: every slot kept stays where it was in the DOM,
 *   a re-used slot takes its old place, new slots go last.
 */
export function planSlots<K>(
  previous: SlotState<K>,
  keys: readonly K[],
  settled: boolean,
): SlotPlan<K> {
  const slotOf = new Map<K, number>();
  const used = new Set<number>();
  for (const key of keys) {
    const slot = previous.slotOf.get(key);
    if (slot !== undefined && !slotOf.has(key)) {
      slotOf.set(key, slot);
      used.add(slot);
    }
  }
  const free = [...previous.slotOf.values()]
    .filter((slot) => !used.has(slot))
    .sort((a, b) => a - b);
  let next = Math.max(-1, ...previous.domOrder, ...previous.slotOf.values()) + 1;
  const taken = new Set<number>();
  const slots = keys.map((key) => {
    let slot = slotOf.get(key);
    // A key given twice (never, from a virtualizer) still gets a slot of its own.
    if (slot === undefined || taken.has(slot)) {
      slot = free.shift() ?? next++;
      if (!slotOf.has(key)) slotOf.set(key, slot);
    }
    taken.add(slot);
    return slot;
  });
  const indexes = keys.map((_, index) => index);
  if (!settled) {
    const place = new Map(previous.domOrder.map((slot, at) => [slot, at]));
    // New slots (no place yet) go after the rest, in visual order.
    const placeOf = (index: number) =>
      place.get(slots[index] as number) ?? previous.domOrder.length + index;
    indexes.sort((a, b) => placeOf(a) - placeOf(b));
  }
  return { slotOf, domOrder: indexes.map((index) => slots[index] as number), order: indexes };
}
