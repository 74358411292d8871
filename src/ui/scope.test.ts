import { expect, test } from 'vitest';
import { resolveScope, scopeTitle } from './scope';

test.each<[string, number | undefined, { tabId?: number }]>([
  ['', undefined, {}],
  ['?tabId=12', undefined, { tabId: 12 }],
  ['?tabId=0', undefined, { tabId: 0 }],
  ['?tabId=-3', undefined, {}],
  ['?tabId=abc', undefined, {}],
  ['?tabId=1.5', undefined, {}],
  ['?tabId=99999999999', undefined, {}],
  ['?tabId=12', 40, { tabId: 40 }],
  ['', 40, { tabId: 40 }],
])('resolveScope(%j, %s)', (search, inspected, scope) => {
  expect(resolveScope(search, inspected)).toEqual(scope);
});

test('scopeTitle', () => {
  expect(scopeTitle({})).toBe('AEP Edge Inspector: all tabs');
  expect(scopeTitle({ tabId: 4 })).toBe('AEP Edge Inspector: tab 4');
});
