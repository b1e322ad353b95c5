import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { callIceServers } from './ice-servers.ts';

describe('call ICE servers', () => {
  it('mints TURN REST credentials that coturn checks with its static-auth-secret', () => {
    const config = readConfig({
      PARLEY_ICE_SERVERS: '[{"urls":"stun:stun.example.com:3478"}]',
      PARLEY_TURN_URLS: 'turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349',
      PARLEY_TURN_SECRET: 'north-wind',
      PARLEY_TURN_TTL_SECONDS: '600',
    });
    const [stun, turn] = callIceServers(config, 'USER1', 1_700_000_000_000);
    expect(stun).toEqual({ urls: 'stun:stun.example.com:3478' });
    expect(turn).toEqual({
      urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'],
      username: '1700000600:USER1',
      // What coturn computes: base64(HMAC-SHA1(secret, username)).
      credential: createHmac('sha1', 'north-wind').update('1700000600:USER1').digest('base64'),
    });
  });

  it('hands out only STUN without TURN, and refuses TURN without its secret', () => {
    expect(callIceServers(readConfig({}), 'USER1', 0)).toEqual([]);
    expect(() => readConfig({ PARLEY_TURN_URLS: 'turn:turn.example.com' })).toThrow(/PARLEY_TURN_SECRET/);
    expect(() => readConfig({ PARLEY_TURN_URLS: 'http://x', PARLEY_TURN_SECRET: 's' })).toThrow(
      /PARLEY_TURN_URLS/,
    );
  });
});
