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
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useState } from 'preact/hooks';

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
