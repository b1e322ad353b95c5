import { AppError } from '../errors.ts';

/**
 * The ICE usernames (ufrags) of a participant's peer connections with the SFU: those of the room
 * they are in, and those left behind in rooms they moved out of (breakout rooms). A `publish` or
 * `subscribe-answer` can be on its way from a connection of the room left while the move happens;
 * it would land on the new room's transports, so it is refused instead.
 */
export class PeerConnections {
  readonly #current = new Set<string>();
  readonly #left = new Set<string>();

  /** Takes note of the connection an SDP comes from; CONFLICT if it belongs to a room left. */
  check(sdp: string): void {
    const ufrag = /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1];
    if (ufrag === undefined) return;
    if (this.#left.has(ufrag)) {
      throw new AppError('CONFLICT', 'That connection belongs to the room you left; it was closed.');
    }
    this.#current.add(ufrag);
  }

  /** Moved to another room: the connections so far are the old room's. */
  leave(): void {
    for (const ufrag of this.#current) this.#left.add(ufrag);
    this.#current.clear();
  }
}
