/**
 * Headed parts of the detail views. `Section` is a named region for the few top-level parts of a
 * tab; `Card` a named group (not a landmark) for each event, handle, proposition or error, so
 * tests and assistive technology find them by role and name.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="detail-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function Card({
  title,
  level = 4,
  tone,
  children,
}: {
  title: string;
  level?: 4 | 5 | 6;
  /** `error` and `warning` cards get a marker beside the colour. */
  tone?: 'error' | 'warning';
  children?: ComponentChildren;
}) {
  const id = useId();
  const Heading = level === 4 ? 'h4' : level === 5 ? 'h5' : 'h6';
  return (
    <div role="group" aria-labelledby={id} class={`detail-card${tone ? ` tone-${tone}` : ''}`}>
      <Heading id={id} class="card-title">
        {title}
      </Heading>
      {children}
    </div>
  );
}

/** Notes and findings from the decoders, next to the data they are about. */
export function Notes({ notes, label = 'Notes' }: { notes: readonly string[]; label?: string }) {
  if (notes.length === 0) return null;
  return (
    <ul class="notes" aria-label={label}>
      {notes.map((note, index) => (
        <li key={`${index}:${note}`} class="note">
          {note}
        </li>
      ))}
    </ul>
  );
}
