/**
 * The command line's dispatcher: `aep-edge-inspector <command> …`. Only `validate` exists; any
 * other command is a usage error (exit 2). Pure apart from `io`, so tests call it directly.
 */
import { runValidate, type CliIo } from './validate';

export const USAGE = `Usage: aep-edge-inspector <command> [options]

Commands:
  validate   check captured AEP Edge Network calls (HAR or session files)
             against a tracking plan

Run 'aep-edge-inspector validate --help' for its options.
`;

export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === 'validate') return runValidate(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  io.stderr(
    command === undefined
      ? 'aep-edge-inspector: no command given\n\n'
      : `aep-edge-inspector: unknown command "${command}"\n\n`,
  );
  io.stderr(USAGE);
  return 2;
}
