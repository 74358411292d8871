/**
 * Stopping the extension's service worker on purpose (CDP `ServiceWorker.stopAllWorkers`), and
 * knowing each stop hit a running worker: the ServiceWorker domain reports every version's
 * running status, so a stop counts only when our worker was `running` and then became `stopped`.
 */
import type { BrowserContext, CDPSession } from '@playwright/test';

interface Version {
  versionId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

export interface WorkerWatch {
  /** How many times the worker has started (reached `running`) since the watch began. */
  readonly starts: number;
  /** Stops the running worker; false (and nothing done) when none was running. */
  stop(): Promise<boolean>;
  close(): Promise<void>;
}

export async function watchWorker(
  context: BrowserContext,
  extensionId: string,
): Promise<WorkerWatch> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp: CDPSession = await context.newCDPSession(page);
  const versions = new Map<string, Version>();
  const waiters = new Set<() => void>();
  let starts = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }: { versions: Version[] }) => {
    for (const version of updated) {
      if (!version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      const before = versions.get(version.versionId)?.runningStatus;
      if (version.runningStatus === 'running' && before !== 'running') starts++;
      versions.set(version.versionId, version);
    }
    for (const waiter of waiters) waiter();
  });
  await cdp.send('ServiceWorker.enable');
  return {
    get starts() {
      return starts;
    },
    async stop() {
      const target = [...versions.values()].find((v) => v.runningStatus === 'running');
      if (!target) return false;
      // Resolves when the version that was running is reported stopped (it may start again at
      // once, for an event that was waiting).
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker ${target.versionId} never reported stopped`)),
          15_000,
        );
        const check = () => {
          if (versions.get(target.versionId)?.runningStatus !== 'stopped') return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        waiters.add(check);
      });
      await cdp.send('ServiceWorker.stopAllWorkers');
      await done;
      return true;
    },
    close: () => cdp.detach(),
  };
}
