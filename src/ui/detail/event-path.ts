/** Where an event sits in the request body: `events[2]` (v1, collect) or `event` (v2 interact). */
export function eventBase(shape: string | undefined, index: number): string {
  return shape === 'event' ? 'event' : `events[${index}]`;
}
