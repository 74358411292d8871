import { describe, expect, it } from 'vitest';
import { runCli, USAGE } from './run';
import { VALIDATE_USAGE, type CliIo } from './validate';

function run(argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    readFile: (path) => {
      throw new Error(`ENOENT: ${path}`);
    },
    writeFile: () => {},
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
  };
  return { code: runCli(argv, io), ...out };
}

describe('runCli', () => {
  it.each([
    { argv: ['--help'], code: 0, stdout: USAGE, stderr: '' },
    { argv: ['-h'], code: 0, stdout: USAGE, stderr: '' },
    { argv: ['help'], code: 0, stdout: USAGE, stderr: '' },
    { argv: ['validate', '--help'], code: 0, stdout: VALIDATE_USAGE, stderr: '' },
    { argv: [], code: 2, stdout: '', stderr: `aep-edge-inspector: no command given\n\n${USAGE}` },
    {
      argv: ['check', 'session.har'],
      code: 2,
      stdout: '',
      stderr: `aep-edge-inspector: unknown command "check"\n\n${USAGE}`,
    },
  ])('$argv → exit $code', ({ argv, code, stdout, stderr }) => {
    expect(run(argv)).toEqual({ code, stdout, stderr });
  });

  it('passes the arguments after `validate` to it', () => {
    const { code, stderr } = run(['validate', 'a.har', '--plan', 'p.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read p.yaml: ENOENT: p.yaml');
    expect(stderr).toContain('cannot read a.har: ENOENT: a.har');
  });
});
