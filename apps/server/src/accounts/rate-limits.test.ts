import { describe, expect, it } from 'vitest';
import { clientKey } from './rate-limits.ts';

describe('clientKey', () => {
  it('keeps IPv4 addresses whole, also when mapped into IPv6', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    const key = clientKey('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    expect(clientKey('2001:0db8:abcd:0012:ffff:ffff:ffff:ffff')).toBe(key);
    expect(clientKey('2001:db8:abcd:13::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
