import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

/**
 * Breakout rooms: the host (or a co-host) splits a meeting into up to 50 smaller rooms for a while
 * and brings everyone back afterwards. Each room is a meeting of its own (its own media and chat)
 * that people enter and leave over the same meeting socket, without joining again.
 */
export const breakoutLimits = {
  roomsMin: 1,
  roomsMax: 50,
  roomNameMax: 64,
  /** A host's message to every room. */
  broadcastTextMax: 500,
  /** The optional timer: rooms close by themselves after 1 to this many minutes. */
  timerMinutesMax: 24 * 60,
  /** The countdown shown to everyone before they return to the main room: 0 to this many seconds. */
  closeCountdownSecondsMax: 300,
  closeCountdownSecondsDefault: 60,
  /** Participants one room can be given in a configuration. */
  roomParticipantsMax: 1000,
} as const;

/**
 * How people get into rooms. `auto`: the server splits everyone but the hosts and co-hosts evenly
 * (after the assignments given); `manual`: exactly the assignments given; `choose`: participants
 * pick a room themselves (assignments given still stand).
 */
export const breakoutAssignmentSchema = z.enum(['auto', 'manual', 'choose']);
export type BreakoutAssignment = z.infer<typeof breakoutAssignmentSchema>;

export const breakoutRoomNameSchema = z.string().trim().min(1).max(breakoutLimits.roomNameMax);

/** What `breakout-configure` carries (the SDK's configureBreakouts takes it as is). */
export const breakoutConfigurationSchema = z.strictObject({
  /** 1-50 rooms, in the order shown. `id` keeps a room of the current configuration (and its name). */
  rooms: z
    .array(
      z.strictObject({
        id: idSchema.optional(),
        name: breakoutRoomNameSchema,
        participantIds: z.array(idSchema).max(breakoutLimits.roomParticipantsMax).default([]),
      }),
    )
    .min(breakoutLimits.roomsMin)
    .max(breakoutLimits.roomsMax),
  assignment: breakoutAssignmentSchema,
  /** Move assigned people into their rooms when the rooms open (and when assigned later), without asking. */
  autoMove: z.boolean().default(false),
  /** Close the rooms by themselves this long after they open; null for no timer. */
  timerMinutes: z.number().int().min(1).max(breakoutLimits.timerMinutesMax).nullable().default(null),
  closeCountdownSeconds: z
    .number()
    .int()
    .min(0)
    .max(breakoutLimits.closeCountdownSecondsMax)
    .default(breakoutLimits.closeCountdownSecondsDefault),
});
export type BreakoutConfiguration = z.input<typeof breakoutConfigurationSchema>;

export const breakoutRoomSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** People in it now. */
  count: z.number().int(),
});
export type BreakoutRoom = z.infer<typeof breakoutRoomSchema>;

/** Someone in the meeting as hosts see them in the breakout rooms panel. */
export const breakoutPersonSchema = z.object({
  participantId: idSchema,
  displayName: z.string(),
  assignedRoomId: idSchema.nullable(),
  /** The room they are in now; null for the main room. */
  roomId: idSchema.nullable(),
});
export type BreakoutPerson = z.infer<typeof breakoutPersonSchema>;

export const breakoutHelpRequestSchema = z.object({
  participantId: idSchema,
  displayName: z.string(),
  roomId: idSchema,
  at: isoTimeSchema,
});
export type BreakoutHelpRequest = z.infer<typeof breakoutHelpRequestSchema>;

/**
 * The breakout rooms as one participant sees them. `configured`: set up, not open (also after they
 * closed, ready to open again); `open`; `closing`: everyone returns to the main room at `closesAt`.
 */
export const breakoutStateSchema = z.object({
  status: z.enum(['configured', 'open', 'closing']),
  assignment: breakoutAssignmentSchema,
  autoMove: z.boolean(),
  timerMinutes: z.number().int().nullable(),
  closeCountdownSeconds: z.number().int(),
  rooms: z.array(breakoutRoomSchema),
  openedAt: isoTimeSchema.nullable(),
  /** When the timer closes the rooms (the closing countdown starts then); null without a timer. */
  endsAt: isoTimeSchema.nullable(),
  /** While closing: when everyone is back in the main room. */
  closesAt: isoTimeSchema.nullable(),
  /** The room this participant is assigned to. */
  assignedRoomId: idSchema.nullable(),
  /** The room this participant is in now; null for the main room. */
  roomId: idSchema.nullable(),
  /** Hosts and co-hosts: everyone in the meeting, where they are and are assigned; empty for others. */
  people: z.array(breakoutPersonSchema),
  /** Hosts and co-hosts: who asked for help and has not had a host visit since; empty for others. */
  help: z.array(breakoutHelpRequestSchema),
});
export type BreakoutState = z.infer<typeof breakoutStateSchema>;

const frameId = z.string().min(1).max(64);

/**
 * The breakout frames of the meeting socket (part of meetingClientFrameSchema). Configure, assign,
 * rename, open, close, broadcast: hosts and co-hosts (NOT_MEETING_HOST otherwise). Join: a
 * participant their assigned room, or any room in `choose` mode (BREAKOUT_NOT_ASSIGNED otherwise);
 * hosts and co-hosts visit any room. Return and help: anyone in a breakout room.
 */
export const breakoutClientFrameSchemas = [
  /** Sets the rooms up, or again while they are not open (BREAKOUTS_ALREADY_OPEN). */
  breakoutConfigurationSchema.extend({ type: z.literal('breakout-configure'), id: frameId }),
  /**
   * Assigns someone to a room, or unassigns (null). While the rooms are open, someone in a breakout
   * room moves to the new one (or back to the main room) at once; someone in the main room moves
   * only with autoMove, else they are invited.
   */
  z.strictObject({
    type: z.literal('breakout-assign'),
    id: frameId,
    participantId: idSchema,
    roomId: idSchema.nullable(),
  }),
  z.strictObject({
    type: z.literal('breakout-rename'),
    id: frameId,
    roomId: idSchema,
    name: breakoutRoomNameSchema,
  }),
  z.strictObject({ type: z.literal('breakout-open'), id: frameId }),
  /** Starts the closing countdown; then everyone returns to the main room. */
  z.strictObject({ type: z.literal('breakout-close'), id: frameId }),
  /** A message to everyone in the breakout rooms. */
  z.strictObject({
    type: z.literal('breakout-broadcast'),
    id: frameId,
    text: z.string().trim().min(1).max(breakoutLimits.broadcastTextMax),
  }),
  z.strictObject({ type: z.literal('breakout-join'), id: frameId, roomId: idSchema }),
  /** Back to the main room. */
  z.strictObject({ type: z.literal('breakout-return'), id: frameId }),
  /** Asks the hosts to come to my breakout room. */
  z.strictObject({ type: z.literal('breakout-help'), id: frameId }),
] as const;

/** The breakout frames the server sends (part of meetingServerFrameSchema). */
export const breakoutServerFrameSchemas = [
  /** The whole breakout state again after every change, as this participant may see it. */
  z.object({ type: z.literal('breakouts'), state: breakoutStateSchema }),
  /**
   * I was moved to a breakout room (or back to the main room: null). The room's `joined` follows:
   * its participants and chat; set the peer connections up again, as after a reconnect.
   */
  z.object({
    type: z.literal('breakout-moved'),
    room: z.object({ id: idSchema, name: z.string() }).nullable(),
  }),
  /** A host's message to every breakout room. */
  z.object({ type: z.literal('breakout-broadcast'), from: z.string(), text: z.string() }),
  /** To hosts and co-hosts: someone asks for help in their room. */
  z.object({
    type: z.literal('breakout-help'),
    participantId: idSchema,
    displayName: z.string(),
    roomId: idSchema,
  }),
] as const;
