/**
 * The control extension for the overhead part: it holds only the `webRequest` permission (and the
 * host access webRequest needs) and runs no code at all. Written to a temporary folder at run time
 * so that nothing about it can drift from what it claims to be.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeFloorExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'aep-bench-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'webRequest floor (benchmark control)',
    version: '1.0.0',
    permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'worker.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(dir, 'worker.js'),
    '// Intentionally empty: the permission alone is measured.\n',
  );
  return dir;
}
