import { createHmac } from 'node:crypto';
import type { CallConnection } from '@parley/protocol';
import type { Config } from '../config.ts';

/**
 * The ICE servers for one user's call: the configured STUN servers, and the TURN servers with
 * credentials minted for this user by the TURN REST scheme that coturn implements (`use-auth-secret`):
 * username `<expiry unix time>:<user id>`, password base64(HMAC-SHA1(shared secret, username)).
 * They expire, so a leaked one is worth little.
 */
export function callIceServers(config: Config, userId: string, now: number): CallConnection['iceServers'] {
  const servers: CallConnection['iceServers'] = [...config.media.iceServers];
  const { turnUrls, turnSecret, turnCredentialTtlSeconds } = config.calls;
  if (turnUrls.length > 0 && turnSecret) {
    const username = `${Math.floor(now / 1000) + turnCredentialTtlSeconds}:${userId}`;
    const credential = createHmac('sha1', turnSecret).update(username).digest('base64');
    servers.push({ urls: turnUrls, username, credential });
  }
  return servers;
}
