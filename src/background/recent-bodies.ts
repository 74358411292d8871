/**
 * The body texts of the most recently written calls, kept in memory so that the analysis after a
 * merge (which needs both bodies, and usually has only the one that just arrived) reads the other
 * from here instead of from IndexedDB. A call's bodies arrive within seconds of each other, so a
 * few hundred calls cover every burst; older ones are read from the store.
 */
export const RECENT_CALLS_KEPT = 500;

type Direction = 'request' | 'response';

export class RecentBodies {
  private readonly texts = new Map<string, { request?: string; response?: string }>();

  constructor(private readonly kept = RECENT_CALLS_KEPT) {}

  remember(id: string, direction: Direction, text: string): void {
    const entry = this.texts.get(id) ?? {};
    this.texts.delete(id);
    this.texts.set(id, { ...entry, [direction]: text });
    while (this.texts.size > this.kept) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
  }

  /** The text if it is kept here; `undefined` means "not here", not "no body". */
  get(id: string, direction: Direction): string | undefined {
    return this.texts.get(id)?.[direction];
  }

  forget(id: string): void {
    this.texts.delete(id);
  }
}
