import { describe, expect, it } from 'vitest';
import { isInside, treeKeyAction } from './tree-keys';
import { visibleRows } from './visible-rows';

const value = { a: { b: 1 }, c: [1, 2], d: 'x' };
const rows = visibleRows(value, { expanded: new Set(['', '.a']), shown: new Map() });
const at = (id: string) => rows.findIndex((row) => row.id === id);

describe('treeKeyAction (APG tree view)', () => {
  it.each<[string, string, unknown]>([
    ['', 'ArrowDown', { type: 'focus', id: '.a' }],
    ['.a', 'ArrowUp', { type: 'focus', id: '' }],
    ['', 'ArrowUp', undefined],
    ['.d', 'ArrowDown', undefined],
    ['.a', 'ArrowRight', { type: 'focus', id: '.a.b' }],
    ['.c', 'ArrowRight', { type: 'expand', id: '.c' }],
    ['.d', 'ArrowRight', undefined],
    ['.a', 'ArrowLeft', { type: 'collapse', id: '.a' }],
    ['.a.b', 'ArrowLeft', { type: 'focus', id: '.a' }],
    ['.c', 'ArrowLeft', { type: 'focus', id: '' }],
    ['', 'ArrowLeft', { type: 'collapse', id: '' }],
    ['.c', 'Home', { type: 'focus', id: '' }],
    ['', 'End', { type: 'focus', id: '.d' }],
    ['.c', 'Enter', { type: 'activate', id: '.c' }],
    ['.c', '*', { type: 'expand-siblings', id: '.c' }],
    ['.c', 'x', undefined],
  ])('%j + %s', (id, key, action) => {
    expect(treeKeyAction(rows, at(id), key)).toEqual(action);
  });
});

describe('isInside', () => {
  it.each<[string, string, boolean]>([
    ['.a.b', '.a', true],
    ['.a[0]', '.a', true],
    ['.a#more', '.a', true],
    ['.ab', '.a', false],
    ['.a', '.a', false],
    ['.a', '', true],
    ['', '', false],
  ])('%j inside %j: %s', (id, ancestor, inside) => {
    expect(isInside(id, ancestor)).toBe(inside);
  });
});
