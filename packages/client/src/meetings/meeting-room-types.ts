import type {
  BreakoutState,
  MeetingChatMessage,
  MeetingClientFrame,
  MeetingServerFrame,
  meetingReactions,
  Participant,
  RoomState,
  WaitingPerson,
} from '@parley/protocol';
import type { Clock } from '../clock.ts';
import type { NetworkMonitor } from '../gateway/network.ts';
import type { Logger } from '../logger.ts';
import type { LocalMediaState } from './local-media.ts';
import type { MeetingQuality, MeetingState } from './meeting-state.ts';
import type { MeetingStatus } from './meeting-status.ts';
import type { MeetingTiming } from './meeting-timing.ts';
import type { NoiseSuppressor } from './noise-suppressor.ts';
import type { RemoteTrack } from './remote-tracks.ts';
import type { RtcEnvironment } from './rtc-environment.ts';

export interface MeetingRoomOptions {
  /** Origin of the Parley server; '' (default) is this page's origin. */
  baseUrl?: string;
  /** From ApiClient.joinMeeting(); it also reconnects the socket after a network drop. */
  participantToken: string;
  /** 'relay' sends all media through the TURN servers (networks that block UDP). */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The WebSocket class; defaults to the page's. */
  webSocket?: typeof WebSocket;
  logger?: Logger;
  clock?: Clock;
  /** rnnoiseSuppressor(assets); without one, noise suppression is unavailable. */
  noiseSuppressor?: NoiseSuppressor;
  /** The browser's media APIs (browserRtc()); tests pass fakes. */
  rtc?: RtcEnvironment;
  network?: NetworkMonitor;
  /** 0..1, for reconnect jitter. */
  random?: () => number;
  /** For file uploads and downloads where there is no XMLHttpRequest. */
  fetch?: typeof fetch;
  timing?: Partial<MeetingTiming>;
}

export interface JoinOptions {
  /**
   * Join unmuted. The microphone opens either way (unmuting is then instant, without asking for
   * the device again); false joins muted.
   */
  audio: boolean;
  /** Join with the camera on; when false, the camera stays closed until setCamera(true). */
  video: boolean;
  devices?: { audioInputId?: string; videoInputId?: string };
  /**
   * Tracks already open (a preview before joining), so the browser does not ask again. The room
   * takes them over and stops them when it is done.
   */
  localStream?: MediaStream;
  /** Defaults to on when a noiseSuppressor was given and the browser can run it. */
  noiseSuppression?: boolean;
}

/** Everything the UI shows, as one immutable value (useSyncExternalStore(room.subscribe, room.getSnapshot)). */
export interface MeetingSnapshot extends MeetingState {
  status: MeetingStatus;
  local: LocalMediaState;
  remoteTracks: readonly RemoteTrack[];
}

export type MeetingReaction = (typeof meetingReactions)[number];

/** What MeetingRoom.record() asks of the cloud recording. */
export type RecordAction = Extract<MeetingClientFrame, { type: 'record' }>['action'];

export type MeetingNotice = Omit<Extract<MeetingServerFrame, { type: 'notice' }>, 'type'>;

/** Something failed that no promise reports: a device, a negotiation, a server error frame. */
export interface MeetingRoomError {
  kind: 'microphone' | 'camera' | 'screen' | 'noise-suppression' | 'publish' | 'subscribe' | 'server';
  error: unknown;
}

/** I was moved to a breakout room, or back to the main room (null); the room's state follows. */
export type BreakoutMove = Omit<Extract<MeetingServerFrame, { type: 'breakout-moved' }>, 'type'>;
export type BreakoutBroadcast = Omit<Extract<MeetingServerFrame, { type: 'breakout-broadcast' }>, 'type'>;
export type BreakoutHelp = Omit<Extract<MeetingServerFrame, { type: 'breakout-help' }>, 'type'>;

export interface ChatDraft {
  text: string;
  /** A participant id for a private message; everyone when left out. */
  to?: string;
  /** Uploaded first, then sent with the message. */
  file?: File;
  /** Upload progress of `file`, 0..1. */
  onProgress?(fraction: number): void;
}

/** Each event carries the new value of its part of the snapshot, except the transient ones. */
export interface MeetingRoomEvents {
  state: [MeetingStatus];
  participants: [readonly Participant[]];
  waiting: [readonly WaitingPerson[]];
  room: [RoomState | null];
  chat: [readonly MeetingChatMessage[]];
  'active-speaker': [string | null];
  tracks: [readonly RemoteTrack[]];
  'local-tracks': [LocalMediaState];
  quality: [MeetingQuality];
  breakouts: [BreakoutState | null];
  /** Transient: show it over the sender's tile for a few seconds. */
  reaction: [{ participantId: string; emoji: string }];
  /** Transient: a host did something to me. `ask-unmute` asks; the UI offers to unmute. */
  notice: [MeetingNotice];
  /**
   * Transient: I am muted (by myself or a host) and started speaking, so nobody hears me; the
   * UI may remind me to unmute. Once per stretch of speech, never while unmuted or outside the
   * meeting; limiting how often the reminder shows is the UI's. Never emitted where the browser
   * cannot measure the microphone (no AudioContext).
   */
  'speaking-while-muted': [];
  /**
   * Transient: I moved to a breakout room or back (by myself, a host, autoMove or the rooms
   * closing). The new room's participants and chat follow in the snapshot; media is set up again.
   */
  'breakout-moved': [BreakoutMove];
  /** Transient: a host's message to every breakout room. */
  'breakout-broadcast': [BreakoutBroadcast];
  /** Transient, to hosts and co-hosts: someone asks for help in their breakout room. */
  'breakout-help': [BreakoutHelp];
  error: [MeetingRoomError];
}
