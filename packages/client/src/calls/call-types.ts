import type { Call, CallMedia, CallOutcome, NetworkQuality } from '@parley/protocol';

/**
 * What the app shows of the call on this device:
 * incoming (ringing here), outgoing (ringing there), connecting (answered, media coming up),
 * connected, reconnecting (media lost for a moment), ended (shown briefly, then gone).
 */
export type CallPhase = 'incoming' | 'outgoing' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** One other person in the call, as this device receives them. */
export interface CallPeer {
  userId: string;
  displayName: string;
  /** Their audio and video (null until media arrives). */
  stream: MediaStream | null;
  audioOn: boolean;
  videoOn: boolean;
  screenOn: boolean;
}

export interface CallView {
  call: Call;
  phase: CallPhase;
  direction: 'incoming' | 'outgoing';
  /** peer-to-peer while it connects directly; sfu for group calls and after a fallback. */
  transport: Call['transport'];
  localStream: MediaStream | null;
  peers: CallPeer[];
  micOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  /** When media first flowed (the call timer starts there); null before. */
  connectedAt: number | null;
  quality: NetworkQuality | null;
  /** A voice call becoming video: asked by the other side (incoming) or by me (outgoing). */
  videoRequest: 'none' | 'incoming' | 'outgoing';
  /** Set once ended: how it ended, or 'failed' when media never connected. */
  endedReason: CallOutcome | 'failed' | null;
  /** A problem to show in plain words (device refused, network), or null. */
  error: string | null;
}

/** The call SDK: `messenger.calls`. Every method rejects with an ApiError (server code) or a DOMException (devices). */
export interface CallsApi {
  /** The call on this device (ringing here, or in progress), or null. */
  readonly current: CallView | null;
  /** Calls going on now in my chats, by chat id (for the "join call" banner). */
  readonly active: ReadonlyMap<string, Call>;
  /** A call ringing for me while I am in another one (call waiting), or null. */
  readonly waiting: Call | null;
  on(event: 'change', listener: () => void): () => void;
  start(chatId: string, media: CallMedia): Promise<void>;
  accept(options: { video: boolean }): Promise<void>;
  decline(): Promise<void>;
  hangUp(): Promise<void>;
  /** Joins a running group call from its chat. */
  join(callId: string): Promise<void>;
  /** Declines the waiting call; the current one goes on. */
  declineWaiting(): Promise<void>;
  /** Ends the current call and answers the waiting one. */
  answerWaiting(options: { video: boolean }): Promise<void>;
  setMic(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  shareScreen(on: boolean): Promise<void>;
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  /** Voice call: ask the other side to turn video on; they answer with answerVideoRequest. */
  requestVideo(): Promise<void>;
  answerVideoRequest(accept: boolean): Promise<void>;
  /** The call's peer connection while peer-to-peer (tests read its selected candidate pair). */
  peerConnection(): RTCPeerConnection | null;
}
