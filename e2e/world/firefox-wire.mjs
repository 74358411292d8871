/**
 * What the simulator sent back, byte for byte, for the Firefox e2e: the simulator's log
 * (`received`) holds each request's body and status but not the response body, and its replies
 * carry random parts (ECIDs, event tokens, request ids), so they cannot be computed again.
 *
 * `tapResponses` records every body a Node HTTP(S) server of this process writes
 * (`ServerResponse#write` / `#end`), keyed by the request's header object: the simulator puts
 * that very object into its log entry (`entry.headers === req.headers`), so `sentFor(entry)` is
 * the response to that logged request, as it left the simulator. Only the test process is
 * touched, never the browser or the product; `stop` puts the methods back.
 */
import http from 'node:http';

/**
 * @returns {{sentFor: (entry: {headers: object}) => string | undefined, stop: () => void}}
 */
export function tapResponses() {
  /** @type {any} the methods are replaced with wrappers of the same (overloaded) signatures */
  const proto = http.ServerResponse.prototype;
  const { write, end } = proto;
  /** @type {WeakMap<object, Buffer[]>} */
  const bodies = new WeakMap();
  /** @type {WeakSet<object>} responses inside `end`, in case it writes through `write` */
  const ending = new WeakSet();

  /**
   * @param {http.ServerResponse} res
   * @param {unknown} chunk
   * @param {unknown} encoding
   */
  function keep(res, chunk, encoding) {
    if (ending.has(res) || chunk === undefined || chunk === null || typeof chunk === 'function')
      return;
    const key = res.req?.headers;
    if (!key) return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(
            chunk,
            /** @type {BufferEncoding} */ (typeof encoding === 'string' ? encoding : 'utf8'),
          )
        : Buffer.from(/** @type {Uint8Array} */ (chunk));
    const list = bodies.get(key) ?? [];
    list.push(bytes);
    bodies.set(key, list);
  }

  /** @this {http.ServerResponse} @param {unknown} chunk @param {any} encoding @param {any} callback */
  proto.write = function tappedWrite(chunk, encoding, callback) {
    keep(this, chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  /** @this {http.ServerResponse} @param {unknown} chunk @param {any} encoding @param {any} callback */
  proto.end = function tappedEnd(chunk, encoding, callback) {
    keep(this, chunk, encoding);
    const key = this.req?.headers;
    if (key && !bodies.has(key)) bodies.set(key, []);
    ending.add(this);
    try {
      return end.call(this, chunk, encoding, callback);
    } finally {
      ending.delete(this);
    }
  };

  return {
    /** @param {{headers: object}} entry */
    sentFor(entry) {
      const list = bodies.get(entry.headers);
      // Ended without a body (a 204): an empty text; never answered (or not tapped): undefined.
      return list ? Buffer.concat(list).toString('utf8') : undefined;
    },
    stop() {
      proto.write = write;
      proto.end = end;
    },
  };
}
