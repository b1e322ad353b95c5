import type { NetworkQuality } from '@parley/protocol';
import type { JoinOptions, MeetingSnapshot } from '../meetings/meeting-room-types.ts';
import type { RtcEnvironment } from '../meetings/rtc-environment.ts';
import type { ViewTile } from '../meetings/view-sender.ts';
import type { CallPeer } from './call-types.ts';

/** What a call uses of a MeetingRoom (the room of a group call, or of a direct call after the fallback). */
export interface CallRoom {
  join(options: JoinOptions): Promise<void>;
  leave(): Promise<void>;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  /** Which videos to receive: the room forwards only those (last-N). */
  setView(tiles: readonly ViewTile[]): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): MeetingSnapshot;
}

export interface CallRoomOptions {
  participantToken: string;
  iceTransportPolicy: RTCIceTransportPolicy;
}

/** What the call shows of its room. */
export interface RoomView {
  /** `ended`: the room ended (so did the call: its update says how); `gone`: I am out of it. */
  status: 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'gone';
  peers: CallPeer[];
  /** Every other person's camera and screen share: a call shows everyone (up to the room's limit). */
  tiles: ViewTile[];
  localStream: MediaStream | null;
  micOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  quality: NetworkQuality | null;
}

/**
 * Reads a call's view from the room's snapshot: the other participants as CallPeers (by user),
 * with one stream each holding their microphone and their screen or camera. Streams are kept
 * while their tracks are the same, so media elements keep playing.
 */
/** Sizes the room picks layers for: a call's tiles are large (one or a few people on screen). */
const cameraTile = { width: 640, height: 360 };
const screenTile = { width: 1280, height: 720 };

export class RoomViewMapper {
  readonly #rtc: RtcEnvironment;
  #streams = new Map<string, { key: string; stream: MediaStream }>();
  #local: { key: string; stream: MediaStream } | null = null;

  constructor(rtc: RtcEnvironment) {
    this.#rtc = rtc;
  }

  map(snapshot: MeetingSnapshot): RoomView {
    const streams = new Map<string, { key: string; stream: MediaStream }>();
    const peers: CallPeer[] = [];
    const tiles: ViewTile[] = [];
    for (const participant of snapshot.participants) {
      if (participant.id === snapshot.participantId) continue;
      if (participant.videoOn) tiles.push({ participantId: participant.id, source: 'camera', ...cameraTile });
      if (participant.screenOn)
        tiles.push({ participantId: participant.id, source: 'screen', ...screenTile });
      const tracks = snapshot.remoteTracks.filter((track) => track.participantId === participant.id);
      const audio = tracks.find((track) => track.source === 'mic')?.track;
      const video =
        tracks.find((track) => track.source === 'screen')?.track ??
        tracks.find((track) => track.source === 'camera')?.track;
      const chosen = [audio, video].filter((track): track is MediaStreamTrack => Boolean(track));
      const stream = this.#stream(this.#streams, streams, participant.id, chosen);
      peers.push({
        userId: participant.userId ?? participant.id,
        displayName: participant.displayName,
        stream,
        audioOn: participant.audioOn,
        videoOn: participant.videoOn,
        screenOn: participant.screenOn,
      });
    }
    this.#streams = streams;
    const { local } = snapshot;
    const localTracks = [local.tracks.mic, local.tracks.screen ?? local.tracks.camera].filter(
      (track): track is MediaStreamTrack => Boolean(track),
    );
    const localKey = localTracks.map((track) => track.id).join(',');
    if (this.#local?.key !== localKey) {
      this.#local =
        localTracks.length > 0 ? { key: localKey, stream: this.#rtc.createStream(localTracks) } : null;
    }
    const me = snapshot.participantId;
    return {
      status: roomStatus(snapshot),
      peers,
      tiles,
      localStream: this.#local?.stream ?? null,
      micOn: local.micOn,
      cameraOn: local.cameraOn,
      screenOn: local.screenOn,
      quality: snapshot.quality.local?.quality ?? (me ? (snapshot.quality.participants[me] ?? null) : null),
    };
  }

  #stream(
    previous: Map<string, { key: string; stream: MediaStream }>,
    next: Map<string, { key: string; stream: MediaStream }>,
    participantId: string,
    tracks: MediaStreamTrack[],
  ): MediaStream | null {
    if (tracks.length === 0) return null;
    const key = tracks.map((track) => track.id).join(',');
    const kept = previous.get(participantId);
    const entry = kept?.key === key ? kept : { key, stream: this.#rtc.createStream(tracks) };
    next.set(participantId, entry);
    return entry.stream;
  }
}

function roomStatus(snapshot: MeetingSnapshot): RoomView['status'] {
  switch (snapshot.status.status) {
    case 'joined':
      return 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'idle':
    case 'connecting':
    case 'waiting':
      return 'connecting';
    case 'ended':
      return 'ended';
    default:
      return 'gone';
  }
}
