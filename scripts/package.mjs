// Store-ready zips of both builds: artifacts/aep-edge-inspector-{chrome,firefox}-<version>.zip.
// `npm run package` builds and lints first; `node scripts/package.mjs [--out DIR]` only zips the
// dist/ that is there. web-ext's builder zips both: it puts manifest.json at the archive's root and
// leaves out dotfiles and old artifacts, which is what the Chrome Web Store and AMO both expect.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import webExt from 'web-ext';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'artifacts' } } });
const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const artifactsDir = resolve(root, values.out);

for (const target of ['chrome', 'firefox']) {
  const sourceDir = resolve(root, 'dist', target);
  if (!existsSync(resolve(sourceDir, 'manifest.json'))) {
    throw new Error(`${sourceDir} has no manifest.json: run \`npm run build\` first.`);
  }
  const manifest = JSON.parse(readFileSync(resolve(sourceDir, 'manifest.json'), 'utf8'));
  if (manifest.version !== version) {
    throw new Error(`dist/${target} is version ${manifest.version}, package.json says ${version}`);
  }
  const { extensionPath } = await webExt.cmd.build(
    {
      sourceDir,
      artifactsDir,
      filename: `aep-edge-inspector-${target}-${version}.zip`,
      overwriteDest: true,
    },
    { showReadyMessage: false },
  );
  console.log(`packaged ${extensionPath}`);
}
