// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, test } from 'vitest';
import { memo, shallowSame } from './memo';

describe('shallowSame', () => {
  test.each([
    [{}, {}, true],
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: 1, b: undefined }, { a: 1 }, false],
    [{ a: NaN }, { a: NaN }, true],
    [{ a: [] }, { a: [] }, false],
  ])('%j and %j: %s', (a, b, same) => expect(shallowSame(a, b)).toBe(same));
});

describe('memo', () => {
  test('renders again only when the props differ, by the comparer given', () => {
    const renders: string[] = [];
    const Shown = memo(({ text }: { text: string; extra?: number }) => {
      renders.push(text);
      return <p>{text}</p>;
    });
    const root = document.createElement('div');
    render(<Shown text="a" />, root);
    render(<Shown text="a" />, root);
    render(<Shown text="b" />, root);
    expect(renders).toEqual(['a', 'b']);
    expect(root.textContent).toBe('b');

    const byText = memo(
      ({ text }: { text: string; extra: number }) => {
        renders.push(`${text}!`);
        return <p>{text}</p>;
      },
      (before, after) => before.text === after.text,
    );
    const ByText = byText;
    render(<ByText text="c" extra={1} />, root);
    render(<ByText text="c" extra={2} />, root);
    expect(renders).toEqual(['a', 'b', 'c!']);
  });
});
