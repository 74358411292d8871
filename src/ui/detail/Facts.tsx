/** A description list of facts; absent values are left out. Values are text (or text nodes). */
import type { ComponentChildren } from 'preact';

export type Fact = [term: string, value: ComponentChildren | undefined];

function present(value: ComponentChildren | undefined): boolean {
  return value !== undefined && value !== null && value !== '' && value !== false;
}

export function Facts({ label, facts }: { label: string; facts: readonly Fact[] }) {
  const shown = facts.filter(([, value]) => present(value));
  if (shown.length === 0) return null;
  return (
    <dl class="facts-list" aria-label={label}>
      {shown.map(([term, value]) => (
        <div key={term} class="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
