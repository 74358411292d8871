/**
 * The one body cap and the text helpers every capture source and the store share: a body is at
 * most BODY_CAP UTF-16 units, cut without splitting a surrogate pair, with its full size kept.
 */
import type { BodyObservation } from './observation';

/**
 * Largest body text kept per call and direction, in UTF-16 code units (≈ bytes for JSON).
 * Edge requests are capped at 64 KB by Adobe; responses with many propositions reach a few
 * hundred KB. 2 MiB keeps every real body whole while bounding a hostile or broken one. Sources
 * cut to it before they post (so one broken response cannot flood a channel), and the store
 * cuts again what reaches it from anywhere else.
 */
export const BODY_CAP = 2 * 1024 * 1024;

/**
 * Largest observation text the page-to-relay channel forwards: two bodies of BODY_CAP, each of
 * which JSON escaping can at most double for the characters a body really carries, with room for
 * headers and fields.
 */
export const OBSERVATION_TEXT_CAP = 4 * BODY_CAP;

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** UTF-8 byte length, counted without encoding a copy; a lone surrogate counts as U+FFFD. */
export function utf8Size(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The first `cap` units of `text`, never ending on half of a surrogate pair (valid UTF-16). */
export function cutText(text: string, cap: number = BODY_CAP): string {
  if (text.length <= cap) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(cap - 1)) ? cap - 1 : cap);
}

/**
 * A body as a source posts it: the text cut to the cap; `size` (UTF-8 bytes of the whole body)
 * when the source knows it or the text was cut, so that a short body costs no count on the page.
 */
export function capText(text: string, size?: number): BodyObservation {
  const truncated = text.length > BODY_CAP;
  const fullSize = size ?? (truncated ? utf8Size(text) : undefined);
  return {
    text: truncated ? cutText(text) : text,
    ...(fullSize !== undefined ? { size: fullSize } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
}
