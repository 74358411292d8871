import { describe, expect, it } from 'vitest';
import type { ToViewerMessage } from '../shared/protocol';
import { connectEarly } from './early-transport';
import type { ConnectionState, ViewerTransport } from './transport';

/** A transport whose worker end the test drives: what it delivers and the states it reports. */
function driven() {
  let deliver: (message: ToViewerMessage) => void = () => {};
  let report: (state: ConnectionState) => void = () => {};
  let connects = 0;
  const sent: unknown[] = [];
  const transport: ViewerTransport = {
    connect(onMessage, onStatus) {
      connects++;
      deliver = onMessage;
      report = onStatus;
    },
    send: (message) => sent.push(message),
    disconnect: () => {},
  };
  return {
    transport,
    deliver: (message: ToViewerMessage) => deliver(message),
    report: (state: ConnectionState) => report(state),
    connects: () => connects,
    sent,
  };
}

const status = (text: string) =>
  ({ type: 'status', payload: { text } }) as unknown as ToViewerMessage;

describe('connectEarly', () => {
  it('connects at once and hands what came before the viewer over in order', () => {
    const worker = driven();
    const early = connectEarly(worker.transport);
    expect(worker.connects()).toBe(1);
    worker.report('connecting');
    worker.deliver(status('one'));
    worker.report('connected');
    worker.deliver(status('two'));

    const got: unknown[] = [];
    const states: ConnectionState[] = [];
    early.connect(
      (message) => got.push(message),
      (state) => states.push(state),
    );
    expect(worker.connects()).toBe(1);
    expect(states).toEqual(['connected']);
    expect(got).toEqual([status('one'), status('two')]);

    // Then straight through, and sending is the transport's own.
    worker.deliver(status('three'));
    worker.report('reconnecting');
    expect(got).toEqual([status('one'), status('two'), status('three')]);
    expect(states).toEqual(['connected', 'reconnecting']);
    early.send(status('out') as never);
    expect(worker.sent).toEqual([status('out')]);
  });

  it('holds nothing when nothing came', () => {
    const worker = driven();
    const early = connectEarly(worker.transport);
    const got: unknown[] = [];
    const states: ConnectionState[] = [];
    early.connect(
      (message) => got.push(message),
      (state) => states.push(state),
    );
    expect(got).toEqual([]);
    expect(states).toEqual([]);
  });

  describe("the page's own read of the store", () => {
    const snapshot = (from: string) =>
      ({ type: 'snapshot', payload: { from } }) as unknown as ToViewerMessage;
    /** A promise the test resolves when it wants the page's read to finish. */
    function pending() {
      let resolve: (message: ToViewerMessage | undefined) => void = () => {};
      const promise = new Promise<ToViewerMessage | undefined>((r) => (resolve = r));
      return { promise, resolve };
    }
    const settle = () => new Promise((r) => setTimeout(r, 0));

    it('goes first when it is read before the worker answers', async () => {
      const worker = driven();
      const local = pending();
      const early = connectEarly(worker.transport, local.promise);
      local.resolve(snapshot('store'));
      await settle();
      worker.deliver(snapshot('worker'));
      const got: unknown[] = [];
      early.connect(
        (message) => got.push(message),
        () => {},
      );
      expect(got).toEqual([snapshot('store'), snapshot('worker')]);
    });

    it('reaches a viewer that is already connected', async () => {
      const worker = driven();
      const local = pending();
      const early = connectEarly(worker.transport, local.promise);
      const got: unknown[] = [];
      early.connect(
        (message) => got.push(message),
        () => {},
      );
      worker.deliver(status('hello'));
      local.resolve(snapshot('store'));
      await settle();
      expect(got).toEqual([status('hello'), snapshot('store')]);
    });

    it("is dropped once the worker's snapshot came: it would replace newer rows", async () => {
      const worker = driven();
      const local = pending();
      const early = connectEarly(worker.transport, local.promise);
      const got: unknown[] = [];
      early.connect(
        (message) => got.push(message),
        () => {},
      );
      worker.deliver(snapshot('worker'));
      local.resolve(snapshot('store'));
      await settle();
      expect(got).toEqual([snapshot('worker')]);
    });

    it('changes nothing when the store had nothing or could not be read', async () => {
      const worker = driven();
      const early = connectEarly(worker.transport, Promise.reject(new Error('no store')));
      const empty = connectEarly(driven().transport, Promise.resolve(undefined));
      await settle();
      const got: unknown[] = [];
      early.connect(
        (message) => got.push(message),
        () => {},
      );
      empty.connect(
        (message) => got.push(message),
        () => {},
      );
      expect(got).toEqual([]);
    });
  });
});
