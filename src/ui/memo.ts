/**
 * `memo` without preact/compat. Compat was loaded only for its `memo`, and loading it hooks every
 * element Preact creates (it copies each element's props to rename React-style ones): a fifth of
 * what a scroll frame of the call grid allocated. This one also renders the component in place,
 * where compat's adds a component layer to every row.
 */
import type { ComponentChild, FunctionComponent } from 'preact';

/** The props are the same when every prop is the same value (`Object.is`) and none is added. */
export function shallowSame<P extends object>(before: P, after: P): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key in a) if (!(key in b)) return false;
  for (const key in b) if (!(key in a) || !Object.is(a[key], b[key])) return false;
  return true;
}

/** Renders `render` again only when `same(previous props, next props)` is false. */
export function memo<P extends object>(
  render: (props: P) => ComponentChild,
  same: (before: P, after: P) => boolean = shallowSame,
): FunctionComponent<P> {
  function Memo(this: { props: P; shouldComponentUpdate?: (next: P) => boolean }, props: P) {
    // Once per instance, not a new function on every render of every row.
    this.shouldComponentUpdate ??= (next: P) => !same(this.props, next);
    return render(props);
  }
  Memo.displayName = `Memo(${(render as { name?: string }).name ?? 'component'})`;
  return Memo as FunctionComponent<P>;
}
