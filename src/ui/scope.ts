/**
 * Which tab(s) a viewer or popup page watches. In DevTools it is the inspected tab; opened as a
 * normal extension tab, `?tabId=N` picks one tab and no parameter means all tabs.
 */
import type { Scope } from '../shared/protocol';

/** A tab id from `?tabId=N`, or undefined when absent or not a non-negative integer. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw.trim())) return undefined;
  const tabId = Number(raw.trim());
  return Number.isSafeInteger(tabId) ? tabId : undefined;
}

export function resolveScope(search: string, inspectedTabId?: number): Scope {
  if (inspectedTabId !== undefined && inspectedTabId >= 0) return { tabId: inspectedTabId };
  const tabId = tabIdFromSearch(search);
  return tabId === undefined ? {} : { tabId };
}

export function scopeTitle(scope: Scope): string {
  return scope.tabId === undefined
    ? 'AEP Edge Inspector: all tabs'
    : `AEP Edge Inspector: tab ${scope.tabId}`;
}
