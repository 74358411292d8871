/**
 * ARIA tabs (APG "tabs with automatic activation"): a tablist of tabs, one tabpanel; Left/Right
 * and Home/End move between tabs (keymap.ts, context `tabs`), the active tab is the only one in
 * the tab order.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';
import { keyAction } from './keymap';

export interface TabsProps<K extends string> {
  label: string;
  tabs: readonly K[];
  active: K;
  onChange: (tab: K) => void;
  children: ComponentChildren;
}

export function Tabs<K extends string>({ label, tabs, active, onChange, children }: TabsProps<K>) {
  const base = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const idOf = (tab: string, part: 'tab' | 'panel') => `${base}-${part}-${tab.replace(/\W/g, '')}`;

  function onKeyDown(event: KeyboardEvent): void {
    const at = tabs.indexOf(active);
    let next: number | undefined;
    const action = keyAction('tabs', event)?.action;
    if (action === 'next') next = (at + 1) % tabs.length;
    else if (action === 'previous') next = (at - 1 + tabs.length) % tabs.length;
    else if (action === 'first') next = 0;
    else if (action === 'last') next = tabs.length - 1;
    const tab = next === undefined ? undefined : tabs[next];
    if (tab === undefined) return;
    event.preventDefault();
    onChange(tab);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(idOf(tab, 'tab'))}`)?.focus();
  }

  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} class="tablist" ref={listRef} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            type="button"
            role="tab"
            key={tab}
            id={idOf(tab, 'tab')}
            aria-selected={tab === active}
            aria-controls={tab === active ? idOf(tab, 'panel') : undefined}
            tabIndex={tab === active ? 0 : -1}
            class="tab"
            onClick={() => onChange(tab)}
          >
            {tab}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={idOf(active, 'panel')}
        aria-labelledby={idOf(active, 'tab')}
        tabIndex={0}
        class="tabpanel"
      >
        {children}
      </div>
    </div>
  );
}
