import type { Call, CallSignal, Presence, ServerFrame } from '@parley/protocol';
import type { DeviceIdentity } from '../store/records.ts';

/**
 * Where the gateway connection is, for the UI:
 * - `connecting`: the first connection since start() (or since the network came back) is being made;
 * - `connected`: the server accepted `hello` and is sending what was queued while away;
 * - `caught-up`: everything queued is applied here; new events arrive as they happen;
 * - `reconnecting`: the connection dropped; the next attempt is at `retryAt` (epoch ms);
 * - `offline`: not trying, because stop() was called, the browser reports no network, or
 *   another tab of this browser owns the device's history (`other-tab`);
 * - `signed-out`: this device was signed out; the gateway will not reconnect.
 */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'caught-up' }
  | { status: 'reconnecting'; attempt: number; retryAt: number }
  | { status: 'offline'; reason: 'stopped' | 'no-network' | 'other-tab' }
  | { status: 'signed-out'; reason: string };

/** Someone is typing or recording in a chat; transient, never queued. */
export type TypingSignal = Omit<Extract<ServerFrame, { type: 'typing' }>, 'type'>;

export interface GatewayEvents {
  state: [ConnectionState];
  /** The server named the user and device of this connection (every connection). */
  ready: [DeviceIdentity];
  typing: [TypingSignal];
  presence: [Presence];
  /** A call rings on this device (live only: never queued). */
  'call-incoming': [Call];
  /** A call in one of my chats changed: answered, moved to the SFU, people joined or left, ended. */
  'call-updated': [Call];
  /** Peer-to-peer signaling from the other device of a direct call. */
  'call-signal': [{ callId: string; signal: CallSignal }];
}
