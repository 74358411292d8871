import { describe, expect, it } from 'vitest';
import { maskSecret, maskSecretHeaders } from './redact';

describe('maskSecretHeaders', () => {
  it.each([
    [
      'Authorization',
      'Bearer eyJhbGciOiJSUzI1NiJ9.payload.signatureXYZ1',
      'Bearer •••XYZ1 (masked, 42 chars)',
    ],
    ['x-api-key', 'abcdef0123456789', '•••6789 (masked, 16 chars)'],
    ['X-API-KEY', 'short', '••• (masked, 5 chars)'],
    ['content-type', 'text/plain', 'text/plain'],
  ])('%s', (name, value, expected) => {
    const [masked] = maskSecretHeaders([{ name, value }]);
    expect(masked).toEqual({ name, value: expected });
    if (expected !== value) expect(masked?.value).not.toContain(value);
  });

  it('never keeps the secret part of a long token', () => {
    const token = 'Bearer ' + 'a'.repeat(10) + 'SECRETMIDDLE' + 'b'.repeat(10);
    expect(maskSecret(token)).not.toContain('SECRETMIDDLE');
  });
});
