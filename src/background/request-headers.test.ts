/**
 * The request headers' listener runs only while a viewer is open: the switch listenWebRequest
 * returns, driven by the worker's viewer count (acceptViewers' `viewersChanged`).
 */
import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { CaptureSession } from './capture-session';
import { memoryStore } from './test-store';
import { viewerEnd } from './test-ports';
import { listenWebRequest } from '../capture/webrequest';

function fakeEvent() {
  const listeners = new Set<unknown>();
  return {
    listeners,
    addListener: (l: unknown) => void listeners.add(l),
    removeListener: (l: unknown) => void listeners.delete(l),
    hasListener: (l: unknown) => listeners.has(l),
  };
}

function fakeWebRequest() {
  const events = {
    onBeforeRequest: fakeEvent(),
    onSendHeaders: fakeEvent(),
    onCompleted: fakeEvent(),
    onErrorOccurred: fakeEvent(),
  };
  return { events, api: events as unknown as typeof browser.webRequest };
}

describe('the request headers listener', () => {
  it('listens to the call, its status and errors always, and to request headers only while a viewer is open', () => {
    const { events, api } = fakeWebRequest();
    const requestHeaders = listenWebRequest(api, () => {});
    const { connect } = viewerEnd(new CaptureSession(Promise.resolve(memoryStore())), {
      viewersChanged: (count) => requestHeaders(count > 0),
    });
    const counts = () => Object.values(events).map((e) => e.listeners.size);
    expect(counts()).toEqual([1, 0, 1, 1]);

    const first = connect();
    const second = connect();
    expect(counts()).toEqual([1, 1, 1, 1]);
    first.leave();
    expect(counts()).toEqual([1, 1, 1, 1]);
    second.leave();
    expect(counts()).toEqual([1, 0, 1, 1]);
  });
});
