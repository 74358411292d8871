import { describe, expect, it } from 'vitest';
import { childId, displayPath, pathSegment, ROOT_ID } from './json-path';

describe('pathSegment', () => {
  it.each<[string | number, string]>([
    [0, '[0]'],
    [12, '[12]'],
    ['events', '.events'],
    ['_experience', '._experience'],
    ['$ref', '.$ref'],
    ['__proto__', '.__proto__'],
    ['a.b', '["a.b"]'],
    ['0', '["0"]'],
    ['with space', '["with space"]'],
    ['', '[""]'],
    ['quote"d', '["quote\\"d"]'],
    ['<script>', '["<script>"]'],
    ['#more', '["#more"]'],
  ])('%j → %s', (key, segment) => {
    expect(pathSegment(key)).toBe(segment);
  });
});

describe('displayPath', () => {
  it('builds the dotted path from the body root', () => {
    let id = ROOT_ID;
    for (const key of ['events', 0, 'xdm', 'web', 'webPageDetails', 'name']) id = childId(id, key);
    expect(displayPath('', id)).toBe('events[0].xdm.web.webPageDetails.name');
  });
  it('starts with the root path of a tree placed inside the body', () => {
    const id = childId(childId(ROOT_ID, 'web'), 'webPageDetails');
    expect(displayPath('events[0].xdm', id)).toBe('events[0].xdm.web.webPageDetails');
    expect(displayPath('events[0].xdm', ROOT_ID)).toBe('events[0].xdm');
  });
  it('is empty for the root of a whole body', () => {
    expect(displayPath('', ROOT_ID)).toBe('');
  });
  it('keeps array roots without a leading dot', () => {
    expect(displayPath('', childId(ROOT_ID, 3))).toBe('[3]');
  });
});
