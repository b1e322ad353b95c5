import { describe, expect, it } from 'vitest';
import { linkParts } from './link-parts.ts';

describe('linkParts', () => {
  it('finds web addresses and leaves sentence punctuation outside', () => {
    expect(linkParts('See https://example.org/a?b=1. Thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Thanks' },
    ]);
    expect(linkParts('no links, javascript:alert(1)')).toEqual([
      { kind: 'text', text: 'no links, javascript:alert(1)' },
    ]);
  });
});
