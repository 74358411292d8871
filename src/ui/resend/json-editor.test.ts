import { describe, expect, it } from 'vitest';
import { jsonDiagnostics } from './json-editor';

describe('jsonDiagnostics', () => {
  it.each([
    ['valid JSON', '{"a": [1, 2]}', []],
    ['an empty body', '  ', []],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', ["Expected ',' or '}' (line 3, column 3)"]],
    ['an unterminated string', '{"a": "b', ['Unterminated string (line 1, column 9)']],
  ])('%s', (_name, text, messages) => {
    const diagnostics = jsonDiagnostics(text);
    expect(diagnostics.map((d) => d.message)).toEqual(messages);
    for (const d of diagnostics) {
      expect(d.from).toBeLessThanOrEqual(text.length);
      expect(d.to).toBeLessThanOrEqual(text.length);
    }
  });
});
