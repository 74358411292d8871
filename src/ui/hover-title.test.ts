// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hoverTitles } from './hover-title';

function list() {
  const body = document.createElement('div');
  const make = (tag: string, text: string, attrs: Record<string, string>) => {
    const el = document.createElement(tag);
    el.textContent = text;
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    body.append(el);
    return el;
  };
  const one = make('div', 'one', { class: 'cell' });
  const two = make('div', 'two', { class: 'cell' });
  const other = make('p', 'x', { title: 'kept' });
  const titles = hoverTitles('.cell', (cell) => `all of ${cell.textContent ?? ''}`);
  /** The event as the grid's listener gets it: on the list, from `target`. */
  const fire = (kind: 'onPointerOver' | 'onPointerOut', target: Element) =>
    titles[kind]({ target, currentTarget: body } as unknown as PointerEvent);
  return { one, two, other, fire };
}

describe('hoverTitles', () => {
  it('sets the title while the pointer is on a cell and removes it when it leaves', () => {
    const { one, fire } = list();
    fire('onPointerOver', one);
    expect(one.title).toBe('all of one');
    fire('onPointerOut', one);
    expect(one.hasAttribute('title')).toBe(false);
  });

  it('clears a title whose pointerout never came when another cell is entered', () => {
    const { one, two, other, fire } = list();
    fire('onPointerOver', one);
    fire('onPointerOver', two);
    expect(one.hasAttribute('title')).toBe(false);
    expect(two.title).toBe('all of two');
    // Only the cells' own titles: anything else in the list keeps its title.
    expect(other.title).toBe('kept');
  });
});
