/**
 * The process entry of `aep-edge-inspector` (built to bin/aep-edge-inspector.mjs by
 * vite.cli.config.ts): the arguments, the disk and the exit code; everything else is in run.ts.
 * `process.exitCode` rather than `process.exit()`, so that piped output is flushed first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from './run';
import type { CliIo } from './validate';

const io: CliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, 'utf8');
  },
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

try {
  process.exitCode = runCli(process.argv.slice(2), io);
} catch (error) {
  // The engine is total; reaching this is a bug, but CI still needs a non-zero exit.
  process.stderr.write(
    `aep-edge-inspector: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 2;
}
