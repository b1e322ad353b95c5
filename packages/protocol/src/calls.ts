import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';
import { iceServerSchema } from './meetings.ts';
import { publicUserSchema } from './users.ts';

export const callLimits = {
  /** Calls one person may start per minute. */
  startsPerMinute: 10,
  maxSdpBytes: 64 * 1024,
  maxCandidateBytes: 1024,
} as const;

export const callMediaSchema = z.enum(['audio', 'video']);
export type CallMedia = z.infer<typeof callMediaSchema>;

/**
 * How the call's media flows: `peer-to-peer` (a direct call while its ICE connects), or `sfu`
 * (group calls, and a direct call whose peer-to-peer connection did not come up in time).
 */
export const callTransportSchema = z.enum(['peer-to-peer', 'sfu']);
export type CallTransport = z.infer<typeof callTransportSchema>;

/** answered: people talked; missed: nobody answered in time; declined; cancelled by the caller while ringing. */
export const callOutcomeSchema = z.enum(['answered', 'missed', 'declined', 'cancelled']);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const callSchema = z.object({
  id: idSchema,
  chatId: idSchema,
  kind: z.enum(['direct', 'group']),
  media: callMediaSchema,
  state: z.enum(['ringing', 'active', 'ended']),
  transport: callTransportSchema,
  caller: publicUserSchema,
  /** The device the call was made from. */
  callerDeviceId: idSchema,
  /** Direct calls: the device that answered (the others stop ringing). */
  answeredDeviceId: idSchema.nullable(),
  /** Who is in the call now (group calls; for a direct call, both once answered). */
  participantIds: z.array(idSchema),
  /** Whose devices ring now: not yet answered, declined or missed. */
  ringingIds: z.array(idSchema),
  startedAt: isoTimeSchema,
  answeredAt: isoTimeSchema.nullable(),
  endedAt: isoTimeSchema.nullable(),
  outcome: callOutcomeSchema.nullable(),
});
export type Call = z.infer<typeof callSchema>;

/**
 * What a device needs to connect a call's media: ICE servers with short-lived TURN credentials,
 * and (for the SFU) a participant token for the call's room on the meeting socket.
 */
export const callConnectionSchema = z.object({
  call: callSchema,
  iceServers: z.array(iceServerSchema),
  /** `relay` makes browsers use TURN only (an operator's choice, e.g. to hide addresses). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /** How long peer-to-peer ICE may take before the call moves to the SFU. */
  peerToPeerTimeoutMs: z.number().int(),
  /** Set when the media goes through the SFU: opens `/api/v1/meetings/socket?token=`. */
  participantToken: z.string().nullable(),
});
export type CallConnection = z.infer<typeof callConnectionSchema>;

const candidateSchema = z.strictObject({
  candidate: z.string().max(callLimits.maxCandidateBytes),
  sdpMid: z.string().max(64).nullable(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
});

/** Peer-to-peer signaling, relayed by the server between the caller's device and the answering one. */
export const callSignalSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('offer'), sdp: z.string().min(10).max(callLimits.maxSdpBytes) }),
  z.strictObject({ kind: z.literal('answer'), sdp: z.string().min(10).max(callLimits.maxSdpBytes) }),
  /** A trickled candidate; null when gathering is complete. */
  z.strictObject({ kind: z.literal('candidate'), candidate: candidateSchema.nullable() }),
  /** Mute and camera state, for the other side's screen. */
  z.strictObject({ kind: z.literal('media'), audio: z.boolean(), video: z.boolean(), screen: z.boolean() }),
  /** A voice call becomes a video call only if the other side agrees. */
  z.strictObject({ kind: z.literal('video-request') }),
  z.strictObject({ kind: z.literal('video-reply'), accepted: z.boolean() }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;

const frameId = z.string().min(1).max(64);

/** Call frames on the device gateway (answered by `ok`, with a CallConnection where there is one, or `error`). */
export const callClientFrameSchemas = [
  /** Rings the chat's other members' devices; answered with the caller's CallConnection. */
  z.strictObject({ type: z.literal('call-start'), id: frameId, chatId: idSchema, media: callMediaSchema }),
  /** Answers on this device (the others stop ringing); a call is answered once. */
  z.strictObject({ type: z.literal('call-accept'), id: frameId, callId: idSchema }),
  z.strictObject({ type: z.literal('call-decline'), id: frameId, callId: idSchema }),
  /** Hangs up: cancels a call still ringing, ends a direct call, leaves a group call. */
  z.strictObject({ type: z.literal('call-end'), id: frameId, callId: idSchema }),
  z.strictObject({ type: z.literal('call-signal'), id: frameId, callId: idSchema, signal: callSignalSchema }),
  /** Peer-to-peer did not connect: both sides move to the SFU (answered with a CallConnection). */
  z.strictObject({ type: z.literal('call-relay'), id: frameId, callId: idSchema }),
  /** Joins a running group call (late), or a direct call's SFU room after `call-relay`. */
  z.strictObject({ type: z.literal('call-join'), id: frameId, callId: idSchema }),
] as const;

/** Live call frames to devices (never queued: a call that rang while a device was away is history). */
export const callServerFrameSchemas = [
  /** Ring: someone calls one of my chats. */
  z.object({ type: z.literal('call-incoming'), call: callSchema }),
  /** The call changed: answered (on which device), someone joined or left, moved to the SFU, ended. */
  z.object({ type: z.literal('call-updated'), call: callSchema }),
  z.object({ type: z.literal('call-signal'), callId: idSchema, signal: callSignalSchema }),
] as const;

/** One call in a person's history. */
export const callHistoryEntrySchema = z.object({
  call: callSchema,
  direction: z.enum(['outgoing', 'incoming']),
  /** An incoming call this person did not answer (nor join). */
  missed: z.boolean(),
  /** From answer to end (0 when never answered). */
  durationSeconds: z.number().int(),
});
export type CallHistoryEntry = z.infer<typeof callHistoryEntrySchema>;

export const callHistorySchema = z.object({
  calls: z.array(callHistoryEntrySchema),
  /** Pass as `before` for older calls; null at the end. */
  nextBefore: idSchema.nullable(),
});
export type CallHistory = z.infer<typeof callHistorySchema>;

export const callHistoryQuerySchema = z.strictObject({
  before: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Calls running now in the user's chats (for the "join call" banner after a reload). */
export const activeCallsSchema = z.object({ calls: z.array(callSchema) });
export type ActiveCalls = z.infer<typeof activeCallsSchema>;
