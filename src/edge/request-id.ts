/**
 * Correlating a response with its request (docs/edge-protocol.md §1.3, §7.3): Edge always appends
 * `-<16 hex>` to the requestId it was sent, so the response's id is the sent one plus a suffix.
 * Retries repeat the same id.
 */

export type RequestIdRelation =
  'edge-suffix' | 'identical' | 'other-suffix' | 'different' | 'missing' | 'not-sent';

export interface RequestIdMatch {
  relation: RequestIdRelation;
  sent?: string;
  received?: string;
  /** The part Edge appended (without the dash). */
  suffix?: string;
  text: string;
}

const EDGE_SUFFIX = /^[0-9a-f]{16}$/i;

export function compareRequestIds(sent?: string, received?: string): RequestIdMatch {
  if (received === undefined || received === '') {
    return { relation: 'missing', sent, text: 'The response carries no requestId.' };
  }
  if (sent === undefined || sent === '') {
    return { relation: 'not-sent', received, text: 'No requestId was sent; Edge made this one.' };
  }
  if (received === sent) {
    return {
      relation: 'identical',
      sent,
      received,
      text: 'Identical to the sent requestId; Edge normally appends -<16 hex>, so a proxy or a mock may have answered.',
    };
  }
  if (received.startsWith(`${sent}-`)) {
    const suffix = received.slice(sent.length + 1);
    return EDGE_SUFFIX.test(suffix)
      ? {
          relation: 'edge-suffix',
          sent,
          received,
          suffix,
          text: `The sent requestId plus Edge's suffix -${suffix}.`,
        }
      : {
          relation: 'other-suffix',
          sent,
          received,
          suffix,
          text: `Starts with the sent requestId, but the suffix -${suffix} is not Edge's 16 hex digits.`,
        };
  }
  return {
    relation: 'different',
    sent,
    received,
    text: 'Differs from the sent requestId: this response may belong to another call.',
  };
}
