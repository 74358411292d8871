/**
 * A Preact binding for @tanstack/virtual-core, mirroring what @tanstack/react-virtual does:
 * one Virtualizer per component, options refreshed every render, a re-render on change.
 */
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type PartialKeys,
  type VirtualItem,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { NO_SLOTS, planSlots, type SlotState } from './row-slots';

export type ElementVirtualizerOptions<S extends Element, I extends Element> = PartialKeys<
  VirtualizerOptions<S, I>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

export function useVirtualizer<S extends Element, I extends Element>(
  options: ElementVirtualizerOptions<S, I>,
): Virtualizer<S, I> {
  const [, setVersion] = useState(0);
  const resolved: VirtualizerOptions<S, I> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      setVersion((version) => version + 1);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer<S, I>(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}

/**
 * The virtualizer's items in the order to render them, each with its slot: the key to give its
 * row, so a row that leaves the view lends its element to one that comes (row-slots.ts). In
 * visual order whenever the list is not scrolling.
 */
export function useSlottedItems<S extends Element, I extends Element>(
  virtualizer: Virtualizer<S, I>,
): { item: VirtualItem; slot: number }[] {
  const state = useRef<SlotState<VirtualItem['key']>>(NO_SLOTS);
  const items = virtualizer.getVirtualItems();
  const plan = planSlots(
    state.current,
    items.map((item) => item.key),
    !virtualizer.isScrolling,
  );
  state.current = plan;
  return plan.order.map((at, k) => ({
    item: items[at] as VirtualItem,
    slot: plan.domOrder[k] as number,
  }));
}
