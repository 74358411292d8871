/**
 * Large bodies are decoded in a Worker so the panel keeps answering (a 5 MB body costs ~120 ms
 * of decoding). Small ones are decoded at once: a worker round trip would cost more than it saves.
 * If the worker cannot start or fails, the same pure decoder runs here instead.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallWithBodies } from '../../shared/protocol';
import {
  OFF_THREAD_CHARS,
  bodyChars,
  cachedDecoding,
  decodeBodiesCached,
  remember,
} from './decoded-bodies';
import type { DecodedBodies } from './decoded-bodies';

type Reply = { id: number; result?: DecodedBodies; error?: string };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: Reply) => void>();

function decodeWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  } catch {
    worker = undefined;
  }
  return worker;
}

/** Decodes off the UI thread; falls back to decoding here. */
export function decodeLarge(detail: CallWithBodies): Promise<DecodedBodies> {
  const target = decodeWorker();
  if (!target) return Promise.resolve(decodeBodiesCached(detail));
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, (reply) =>
      resolve(reply.result ? remember(detail, reply.result) : decodeBodiesCached(detail)),
    );
    target.postMessage({ id, detail });
  });
}

/** The decoded detail, or undefined while a large body is being decoded off the UI thread. */
export function useDecodedBodies(detail: CallWithBodies): DecodedBodies | undefined {
  const large = bodyChars(detail) > OFF_THREAD_CHARS;
  const immediate = large ? cachedDecoding(detail) : decodeBodiesCached(detail);
  const [late, setLate] = useState<{ detail: CallWithBodies; result: DecodedBodies }>();
  useEffect(() => {
    if (!large || immediate) return;
    let current = true;
    void decodeLarge(detail).then((result) => current && setLate({ detail, result }));
    return () => {
      current = false;
    };
  }, [detail, large, immediate]);
  return immediate ?? (late?.detail === detail ? late.result : undefined);
}
