/**
 * Decodes a call's bodies off the UI thread (large bodies only, see decoded-bodies.ts). The result
 * is plain data, so it crosses back by structured clone.
 */
import type { CallWithBodies } from '../../shared/protocol';
import { decodeBodies } from './decoded-bodies';

self.onmessage = (event: MessageEvent<{ id: number; detail: CallWithBodies }>) => {
  const { id, detail } = event.data;
  try {
    self.postMessage({ id, result: decodeBodies(detail) });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
