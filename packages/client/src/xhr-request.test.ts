import { describe, expect, it } from 'vitest';
import { parseXhrHeaders } from './xhr-request.ts';

describe('parseXhrHeaders', () => {
  it('parses CRLF-separated headers, keeping colons inside values', () => {
    const headers = parseXhrHeaders(
      'content-type: application/json\r\ndate: Tue, 01 Jan 2030 10:00:00 GMT\r\n',
    );
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('date')).toBe('Tue, 01 Jan 2030 10:00:00 GMT');
  });

  it('returns no headers for an empty block', () => {
    expect([...parseXhrHeaders('').keys()]).toEqual([]);
  });
});
