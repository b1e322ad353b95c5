import { z } from 'zod';
import { breakoutClientFrameSchemas, breakoutServerFrameSchemas } from './breakouts.ts';
import { idSchema, isoTimeSchema } from './common.ts';
import { liveRecordingSchema } from './recordings.ts';

export const meetingLimits = {
  titleMax: 200,
  passcodeMax: 10,
  displayNameMax: 64,
  chatTextMax: 4096,
  /** Gallery view shows this many tiles per page. */
  galleryPageSize: 16,
  /** Video tiles one participant may view at once (last-N). */
  maxViewedTiles: 25,
  /** How long a participant whose connection dropped stays in the meeting, shown as reconnecting. */
  reconnectGraceSeconds: 30,
  /** A meeting id has 10 digits, or 11 once 10-digit ids grow scarce. */
  codeDigits: [10, 11],
} as const;

/** Reactions everyone can send; the UI shows them floating over the sender's tile. */
export const meetingReactions = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;

/** Digits only (spaces and dashes as typed are removed), 10 or 11 of them. */
export const meetingCodeSchema = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{10,11}$/, 'must be a 10 or 11 digit meeting id'));
export const passcodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(meetingLimits.passcodeMax)
  .regex(/^[A-Za-z0-9@*_.-]+$/, 'letters, digits and @ * _ . - only');
export const meetingTitleSchema = z.string().trim().min(1).max(meetingLimits.titleMax);
export const participantNameSchema = z.string().trim().min(1).max(meetingLimits.displayNameMax);

export const meetingMetricsSchema = z.object({
  maxParticipants: z.number().int(),
  /** Time-weighted average over the meeting's duration. */
  avgParticipants: z.number(),
  durationSeconds: z.number().int(),
  chatMessages: z.number().int(),
});
export type MeetingMetrics = z.infer<typeof meetingMetricsSchema>;

/** A meeting as its owner sees it, with everything needed to share it. */
export const meetingSchema = z.object({
  id: idSchema,
  /** The numeric meeting id people type. */
  code: z.string(),
  title: z.string(),
  passcode: z.string().nullable(),
  waitingRoom: z.boolean(),
  allowGuests: z.boolean(),
  /** The link to share; it carries a token that stands in for the passcode. */
  joinUrl: z.string(),
  ownerId: idSchema,
  /** Set for scheduled meetings; instant meetings start at once. */
  scheduledFor: isoTimeSchema.nullable(),
  durationMinutes: z.number().int().nullable(),
  createdAt: isoTimeSchema,
  startedAt: isoTimeSchema.nullable(),
  endedAt: isoTimeSchema.nullable(),
  /** Whether the signed-in user owns it (the list also holds meetings they joined). */
  isOwner: z.boolean(),
  metrics: meetingMetricsSchema.nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const createMeetingSchema = z.strictObject({
  title: meetingTitleSchema,
  passcode: passcodeSchema.nullable().optional(),
  waitingRoom: z.boolean().default(true),
  allowGuests: z.boolean().default(true),
  /** Omitted for an instant meeting. */
  scheduledFor: isoTimeSchema.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
});
export type CreateMeeting = z.input<typeof createMeetingSchema>;

export const meetingListSchema = z.object({
  /** Not ended, soonest first. */
  upcoming: z.array(meetingSchema),
  /** Ended, most recent first. */
  past: z.array(meetingSchema),
});
export type MeetingList = z.infer<typeof meetingListSchema>;
export const meetingIdParamsSchema = z.strictObject({ meetingId: idSchema });

/** What anyone holding the link (or id + passcode) learns before joining. */
export const meetingPreviewSchema = z.object({
  meetingId: idSchema,
  code: z.string(),
  title: z.string(),
  hostName: z.string(),
  state: z.enum(['scheduled', 'live', 'ended']),
  scheduledFor: isoTimeSchema.nullable(),
  allowGuests: z.boolean(),
  waitingRoom: z.boolean(),
  /** Whether the meeting is being recorded right now, so people know before they enter. */
  recording: liveRecordingSchema,
});
export type MeetingPreview = z.infer<typeof meetingPreviewSchema>;

/** By link (`token`, from the link's `t=`) or by meeting id and passcode. */
const meetingCredentials = z.union([
  z.strictObject({ token: z.string().min(8).max(64) }),
  z.strictObject({ code: meetingCodeSchema, passcode: z.string().max(meetingLimits.passcodeMax).optional() }),
]);

export const previewMeetingSchema = meetingCredentials;
export type PreviewMeeting = z.input<typeof previewMeetingSchema>;

/**
 * Join: signed-in users (Bearer token) join as themselves; anyone else needs `displayName` and a
 * meeting that allows guests. `guestKey` is a random id the browser keeps, so a removed guest
 * stays removed. The answer's `participantToken` opens the meeting socket (and reconnects it).
 */
export const joinMeetingSchema = z.intersection(
  meetingCredentials,
  z.object({
    displayName: participantNameSchema.optional(),
    guestKey: z.string().min(16).max(64).optional(),
  }),
);
export type JoinMeeting = z.input<typeof joinMeetingSchema>;

export const joinTicketSchema = z.object({
  participantToken: z.string(),
  participantId: idSchema,
  meeting: meetingPreviewSchema,
});
export type JoinTicket = z.infer<typeof joinTicketSchema>;

export const roleSchema = z.enum(['host', 'cohost', 'participant']);
export type MeetingRole = z.infer<typeof roleSchema>;

export const mediaSourceSchema = z.enum(['mic', 'camera', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const participantSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  /** null for guests. */
  userId: idSchema.nullable(),
  role: roleSchema,
  /** Whether each source is being sent (not muted/stopped). */
  audioOn: z.boolean(),
  videoOn: z.boolean(),
  screenOn: z.boolean(),
  handRaisedAt: isoTimeSchema.nullable(),
  /** 'reconnecting' while the participant's connection is down, for up to reconnectGraceSeconds. */
  connection: z.enum(['connected', 'reconnecting']),
  joinedAt: isoTimeSchema,
});
export type Participant = z.infer<typeof participantSchema>;

export const waitingPersonSchema = z.object({
  participantId: idSchema,
  displayName: z.string(),
  guest: z.boolean(),
  since: isoTimeSchema,
});
export type WaitingPerson = z.infer<typeof waitingPersonSchema>;

export const roomStateSchema = z.object({
  meetingId: idSchema,
  code: z.string(),
  title: z.string(),
  locked: z.boolean(),
  /** When false (the default) only one participant can share their screen at a time. */
  multiShare: z.boolean(),
  /** The invitation link (with its token, like Zoom's "Copy invite link"): everyone in the meeting may pass it on. */
  joinUrl: z.string(),
  startedAt: isoTimeSchema,
  /** Cloud recording of this room: everyone sees the indicator. */
  recording: liveRecordingSchema,
});
export type RoomState = z.infer<typeof roomStateSchema>;

export const meetingFileSchema = z.object({
  id: idSchema,
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type MeetingFile = z.infer<typeof meetingFileSchema>;

export const meetingChatMessageSchema = z.object({
  id: idSchema,
  from: z.object({ participantId: idSchema, displayName: z.string() }),
  /** A private message; null for everyone. */
  to: z.object({ participantId: idSchema, displayName: z.string() }).nullable(),
  text: z.string(),
  file: meetingFileSchema.nullable(),
  sentAt: isoTimeSchema,
});
export type MeetingChatMessage = z.infer<typeof meetingChatMessageSchema>;
export const meetingChatSchema = z.object({ messages: z.array(meetingChatMessageSchema) });

export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** A forwarded track on the subscribe connection: which participant's which source is on `mid`. */
export const subscribedTrackSchema = z.object({
  mid: z.string(),
  participantId: idSchema,
  source: mediaSourceSchema,
  kind: z.enum(['audio', 'video']),
});
export type SubscribedTrack = z.infer<typeof subscribedTrackSchema>;

/** A track on the publish connection, by its m-section. */
export const publishedTrackSchema = z.strictObject({
  mid: z.string().min(1).max(16),
  source: mediaSourceSchema,
  /** Sent paused, e.g. joining muted: nothing is forwarded until `set-media` turns it on. */
  paused: z.boolean(),
});

export const networkQualitySchema = z.enum(['good', 'fair', 'poor']);
export type NetworkQuality = z.infer<typeof networkQualitySchema>;

export const meetingSignalingLimits = {
  /** Frames per second a participant may send, averaged over a 10 s burst allowance. */
  framesPerSecond: 20,
  burstFrames: 200,
  maxSdpBytes: 64 * 1024,
} as const;

/** Largest frame the meeting socket accepts, in bytes (an SDP offer with every track plus its envelope). */
export const maxMeetingFrameBytes = 96 * 1024;

const frameId = z.string().min(1).max(64);
const sdp = z.string().min(10).max(meetingSignalingLimits.maxSdpBytes);
const target = idSchema.describe('participant id');

/**
 * Frames a participant sends on the meeting socket (`/api/v1/meetings/socket?token=`). Each is
 * answered by an `ok` (with `data` for `publish`) or an `error` frame with its id.
 *
 * The flow: connect → `waiting` (if the waiting room applies) → `joined`. Then `publish` the
 * browser's offer for its publish connection and apply the answer; the server sends `subscribe-offer`
 * whenever the subscribe connection changes, answered by `subscribe-answer`. `view` says which video
 * tiles are on screen (only those are forwarded). Host controls need the host or co-host role.
 */
export const meetingClientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), id: frameId }),
  z.strictObject({
    type: z.literal('publish'),
    id: frameId,
    sdp,
    /** Every track the offer sends; a source left out stops being published. */
    tracks: z.array(publishedTrackSchema).max(4),
  }),
  z.strictObject({ type: z.literal('subscribe-answer'), id: frameId, sdp }),
  /** The subscribe connection's ICE failed or the network changed: the server offers an ICE restart. */
  z.strictObject({ type: z.literal('restart-ice'), id: frameId }),
  z.strictObject({
    type: z.literal('view'),
    id: frameId,
    tiles: z
      .array(
        z.strictObject({
          participantId: target,
          source: z.enum(['camera', 'screen']),
          width: z.number().int().min(1).max(8192),
          height: z.number().int().min(1).max(8192),
        }),
      )
      .max(meetingLimits.maxViewedTiles),
  }),
  /** Mute or unmute oneself, camera or screen share on or off. */
  z.strictObject({
    type: z.literal('set-media'),
    id: frameId,
    source: z.enum(['mic', 'camera', 'screen']),
    on: z.boolean(),
  }),
  z.strictObject({ type: z.literal('hand'), id: frameId, raised: z.boolean() }),
  z.strictObject({ type: z.literal('react'), id: frameId, emoji: z.enum(meetingReactions) }),
  z.strictObject({
    type: z.literal('chat'),
    id: frameId,
    /** A participant for a private message; omitted for everyone. */
    to: target.optional(),
    text: z.string().trim().max(meetingLimits.chatTextMax),
    /** A file uploaded with POST /api/v1/meetings/files. */
    fileId: idSchema.optional(),
  }),
  z.strictObject({ type: z.literal('leave'), id: frameId }),
  // Host and co-host controls.
  z.strictObject({ type: z.literal('admit'), id: frameId, participantId: target.optional() }),
  z.strictObject({ type: z.literal('deny'), id: frameId, participantId: target }),
  /** Without participantId: everyone but the hosts. */
  z.strictObject({ type: z.literal('mute'), id: frameId, participantId: target.optional() }),
  z.strictObject({ type: z.literal('ask-unmute'), id: frameId, participantId: target }),
  z.strictObject({ type: z.literal('stop-video'), id: frameId, participantId: target }),
  z.strictObject({ type: z.literal('remove'), id: frameId, participantId: target }),
  z.strictObject({ type: z.literal('lower-hand'), id: frameId, participantId: target }),
  z.strictObject({ type: z.literal('lock'), id: frameId, locked: z.boolean() }),
  z.strictObject({ type: z.literal('multi-share'), id: frameId, allowed: z.boolean() }),
  z.strictObject({
    type: z.literal('rename'),
    id: frameId,
    participantId: target,
    name: participantNameSchema,
  }),
  z.strictObject({
    type: z.literal('set-role'),
    id: frameId,
    participantId: target,
    role: z.enum(['cohost', 'participant']),
  }),
  z.strictObject({ type: z.literal('make-host'), id: frameId, participantId: target }),
  z.strictObject({ type: z.literal('end'), id: frameId }),
  /** Cloud recording of this room (host and co-hosts). */
  z.strictObject({
    type: z.literal('record'),
    id: frameId,
    action: z.enum(['start', 'pause', 'resume', 'stop']),
  }),
  ...breakoutClientFrameSchemas,
]);
export type MeetingClientFrame = z.infer<typeof meetingClientFrameSchema>;
export type MeetingClientFrameType = MeetingClientFrame['type'];

/** Why the meeting socket closes for good; the client does not reconnect after these. */
export const meetingCloseCodes = {
  left: 4000,
  invalidToken: 4001,
  /** Another socket took over this participant (the same person reconnected). */
  replaced: 4002,
  denied: 4003,
  removed: 4004,
  ended: 4005,
  /** Refused before entering: locked, full, ended, removed, guests not allowed; the error frame says which. */
  refused: 4006,
} as const;

export const meetingServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ok'),
    id: z.string(),
    /** The SFU's answer to a `publish` offer. */
    data: z.object({ sdp: z.string() }).optional(),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    code: z.string(),
    message: z.string(),
  }),
  /** In the waiting room until a host admits (or denies) this participant. */
  z.object({ type: z.literal('waiting'), title: z.string() }),
  z.object({
    type: z.literal('joined'),
    participantId: idSchema,
    room: roomStateSchema,
    participants: z.array(participantSchema),
    /** Filled for hosts and co-hosts. */
    waiting: z.array(waitingPersonSchema),
    /** The chat so far that this participant may see. */
    chat: z.array(meetingChatMessageSchema),
    iceServers: z.array(iceServerSchema),
    activeSpeaker: idSchema.nullable(),
  }),
  z.object({ type: z.literal('participant-joined'), participant: participantSchema }),
  z.object({ type: z.literal('participant-updated'), participant: participantSchema }),
  z.object({
    type: z.literal('participant-left'),
    participantId: idSchema,
    /** `moved`: to a breakout room or back (see breakouts.ts); they are still in the meeting. */
    reason: z.enum(['left', 'removed', 'disconnected', 'moved']),
  }),
  z.object({ type: z.literal('waiting-room'), waiting: z.array(waitingPersonSchema) }),
  z.object({ type: z.literal('room-updated'), room: roomStateSchema }),
  z.object({ type: z.literal('subscribe-offer'), sdp: z.string(), tracks: z.array(subscribedTrackSchema) }),
  z.object({ type: z.literal('active-speaker'), participantId: idSchema.nullable() }),
  z.object({ type: z.literal('reaction'), participantId: idSchema, emoji: z.string() }),
  z.object({ type: z.literal('chat'), message: meetingChatMessageSchema }),
  /** Something a host did to this participant, to show as a notice. */
  z.object({
    type: z.literal('notice'),
    kind: z.enum(['muted', 'video-stopped', 'ask-unmute', 'role-changed', 'renamed', 'hand-lowered']),
    by: z.string(),
  }),
  /** Every 2 s: each participant's network quality from what the SFU measures. */
  z.object({ type: z.literal('network-quality'), quality: z.record(z.string(), networkQualitySchema) }),
  /** Final frames before the socket closes with the matching close code. */
  z.object({ type: z.literal('denied') }),
  z.object({ type: z.literal('removed'), by: z.string() }),
  z.object({ type: z.literal('ended'), by: z.string().nullable() }),
  /** The media server restarted: tear down both peer connections and publish again. */
  z.object({ type: z.literal('media-reset') }),
  ...breakoutServerFrameSchemas,
]);
export type MeetingServerFrame = z.infer<typeof meetingServerFrameSchema>;
