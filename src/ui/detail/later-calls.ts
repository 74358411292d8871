/**
 * The later calls of the selected call's tab, for views that compare with them (the location
 * hint). A context, so only the component that reads it re-renders when the list changes.
 */
import { createContext } from 'preact';
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CapturedCall } from '../../session/call';

export const LaterCalls = createContext<ReadonlySignal<readonly CapturedCall[]>>(signal([]));
