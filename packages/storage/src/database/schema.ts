import type { Generated } from 'kysely';

/**
 * The tables of Parley's database, the same on SQLite and PostgreSQL.
 * Times are integer milliseconds since the epoch (bigint in PostgreSQL, read back as number).
 * No booleans: a nullable time says when something became true.
 */
export interface UsersTable {
  id: string;
  phone: string; // E.164, unique
  display_name: string | null;
  about: Generated<string>;
  avatar_id: string | null; // blob keys avatars/<user>/<avatar_id>-{512,96}.webp
  password_hash: string | null; // Argon2id PHC string
  created_at: number;
  updated_at: number;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_seen_at: number;
  /** The sequence number of the last event queued for this device. */
  last_seq: Generated<number>;
  /** The device counts as online until this time; nodes extend it while its socket is open. */
  online_until: Generated<number>;
}

export interface SessionsTable {
  token_hash: string; // sha256 of the bearer token, hex
  device_id: string; // one session per device
  user_id: string;
  created_at: number;
}

export interface OtpChallengesTable {
  id: string;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  client_ip: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export interface ChatsTable {
  id: string;
  kind: 'direct' | 'group';
  direct_key: string | null;
  title: string | null;
  description: Generated<string>;
  avatar_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ChatMembersTable {
  chat_id: string;
  user_id: string;
  role: 'admin' | 'member';
  joined_at: number;
}

/** What the server keeps of a message after its body is delivered: enough to route receipts. */
export interface MessagesTable {
  id: string;
  chat_id: string;
  sender_id: string;
  sender_device_id: string | null;
  created_at: number;
  expires_at: number;
  deleted_at: number | null;
}

/** A queued event (a message body, an edit, a receipt...) shared by its deliveries. */
export interface EventsTable {
  id: string;
  type: string;
  payload: string; // JSON of the protocol's event
  message_id: string | null; // set for `message` events, to record delivery receipts
  created_at: number;
  expires_at: number;
}

/** One event queued for one device, numbered in the device's sequence. */
export interface DeliveriesTable {
  device_id: string;
  seq: number;
  event_id: string;
}

export interface MessageReceiptsTable {
  message_id: string;
  user_id: string;
  delivered_at: number | null;
  read_at: number | null;
}

export interface AttachmentsTable {
  id: string;
  chat_id: string;
  uploader_id: string;
  message_id: string | null;
  kind: 'image' | 'video' | 'audio' | 'voice' | 'file';
  name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  waveform: string | null;
  blob_key: string;
  thumbnail_key: string | null;
  created_at: number;
  expires_at: number;
}

/** A recipient device that has not downloaded an attachment yet. */
export interface AttachmentDownloadsTable {
  attachment_id: string;
  device_id: string;
}

export interface MeetingsTable {
  id: string;
  code: string; // the numeric meeting id people type, unique
  title: string;
  passcode: string | null;
  join_token: string; // carried by the join link instead of the passcode, unique
  owner_id: string;
  parent_id: string | null; // breakout rooms
  waiting_room: number; // 0 or 1
  allow_guests: number; // 0 or 1
  scheduled_for: number | null;
  duration_minutes: number | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  /** The node hosting the live meeting (its internal URL); others forward its sockets there. */
  host_node: string | null;
  host_lease_until: number | null;
}

/** One person's attendance: created at join (ticket), joined_at once admitted. */
export interface MeetingParticipantsTable {
  id: string;
  meeting_id: string;
  user_id: string | null; // null for guests
  guest_key: string | null; // the guest's browser, so a removed guest stays removed
  display_name: string;
  joined_at: number | null;
  left_at: number | null;
  removed_at: number | null;
  created_at: number;
}

export interface MeetingFilesTable {
  id: string;
  meeting_id: string;
  participant_id: string;
  name: string;
  content_type: string;
  size: number;
  blob_key: string;
  created_at: number;
}

export interface MeetingMessagesTable {
  id: string;
  meeting_id: string;
  from_participant_id: string;
  from_name: string;
  to_participant_id: string | null; // private message
  to_name: string | null;
  text: string;
  file_id: string | null;
  sent_at: number;
}

export interface MeetingMetricsTable {
  meeting_id: string;
  max_participants: number;
  avg_participants: number;
  duration_seconds: number;
  chat_messages: number;
}

export type RecordingState = 'recording' | 'paused' | 'rendering' | 'ready' | 'failed';

export interface RecordingsTable {
  id: string;
  meeting_id: string; // the main meeting or a breakout room
  title: string;
  state: RecordingState;
  shared: number; // 0 or 1: the meeting's signed-in participants may watch it
  started_at: number;
  stopped_at: number | null;
  running_since: number | null; // since when it runs (not paused); null while paused or stopped
  duration_ms: number; // recorded (not paused) time, up to running_since or the last pause or stop
  chunk_bytes: number;
  render_progress: number; // 0..1
  render_bytes: number | null; // the rendered MP4, once ready
  render_error: string | null;
  render_segments: number | null; // segments the render planned, kept as blobs until the MP4 is made
  render_node: string | null;
  render_lease_until: number | null;
}

export type RecordingEventKind =
  | 'start'
  | 'pause'
  | 'resume'
  | 'stop'
  | 'speaker'
  | 'interrupted'
  | 'continued';

/** The recording's timeline: its running intervals, the active speaker, and the recorder's gaps. */
export interface RecordingEventsTable {
  id: string;
  recording_id: string;
  at: number;
  kind: RecordingEventKind;
  participant_id: string | null; // the speaker of a `speaker` event (null: nobody)
}

/** One finished chunk (~10 s WebM) of one participant's track. */
export interface RecordingChunksTable {
  id: string;
  recording_id: string;
  participant_id: string;
  display_name: string;
  source: 'mic' | 'camera' | 'screen' | 'screen-audio';
  kind: 'audio' | 'video';
  sequence: number; // per track (participant + source), counting up across recorder restarts
  started_at: number;
  duration_ms: number;
  size: number;
  width: number | null;
  height: number | null;
  blob_key: string;
}

export interface CallsTable {
  id: string;
  chat_id: string;
  caller_id: string;
  caller_device_id: string;
  kind: 'direct' | 'group';
  media: 'audio' | 'video';
  state: 'ringing' | 'active' | 'ended';
  transport: 'peer-to-peer' | 'sfu';
  outcome: 'answered' | 'missed' | 'declined' | 'cancelled' | null;
  answered_device_id: string | null;
  meeting_id: string | null; // the SFU room, when the call has one
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
}

/** A chat member's part in a call: rung, joined, declined, left; their call history. */
export interface CallMembersTable {
  call_id: string;
  user_id: string;
  state: 'ringing' | 'joined' | 'declined' | 'left' | 'missed';
  joined_at: number | null;
  left_at: number | null;
}

export interface DatabaseSchema {
  users: UsersTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  otp_challenges: OtpChallengesTable;
  chats: ChatsTable;
  chat_members: ChatMembersTable;
  messages: MessagesTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  message_receipts: MessageReceiptsTable;
  attachments: AttachmentsTable;
  attachment_downloads: AttachmentDownloadsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_files: MeetingFilesTable;
  meeting_messages: MeetingMessagesTable;
  meeting_metrics: MeetingMetricsTable;
  recordings: RecordingsTable;
  recording_events: RecordingEventsTable;
  recording_chunks: RecordingChunksTable;
  calls: CallsTable;
  call_members: CallMembersTable;
}
