/**
 * A set that keeps only its `max` most recently added values (the worker's memory of the
 * documents whose relay reports to it: a long session sees many, and only recent ones matter).
 */
export class RecentSet<T> {
  private readonly values = new Set<T>();

  constructor(private readonly max = 500) {}

  add(value: T): void {
    this.values.delete(value);
    this.values.add(value);
    if (this.values.size > this.max) {
      const oldest = this.values.values().next().value as T;
      this.values.delete(oldest);
    }
  }

  has(value: T | undefined): boolean {
    return value !== undefined && this.values.has(value);
  }
}
