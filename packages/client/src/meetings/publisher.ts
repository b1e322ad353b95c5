import type { MediaSource } from '@parley/protocol';
import type { MeetingRequest } from './meeting-frames.ts';
import type { RtcEnvironment } from './rtc-environment.ts';
import { preferCodec, withOpusFecAndDtx } from './sdp.ts';
import { SerialQueue } from './serial-queue.ts';
import { cameraEncodings, cameraLayers, screenEncodings } from './simulcast.ts';

export type PublishedTrack = Extract<MeetingRequest, { type: 'publish' }>['tracks'][number];

export interface PublisherOptions {
  pc: RTCPeerConnection;
  codecs: RtcEnvironment['codecs'];
  /** Sends the offer with its tracks; resolves with the SFU's answer. */
  signal(sdp: string, tracks: PublishedTrack[]): Promise<string>;
  /** Whether a source is paused (mic muted, camera off), read as each offer goes out. */
  paused(source: MediaSource): boolean;
}

/**
 * The publish connection: this browser offers, the SFU answers. The microphone and camera have
 * their m-sections from the start, so muting and camera on/off only replace tracks; a screen
 * share adds its m-sections and stops them when it ends (Chromium recycles them for the next).
 */
export class Publisher {
  readonly #options: PublisherOptions;
  readonly #transceivers = new Map<MediaSource, RTCRtpTransceiver>();
  readonly #negotiations = new SerialQueue();
  #closed = false;

  constructor(options: PublisherOptions) {
    this.#options = options;
    const { pc } = options;
    this.#add('mic', pc.addTransceiver('audio', { direction: 'sendonly' }));
    this.#add(
      'camera',
      pc.addTransceiver('video', { direction: 'sendonly', sendEncodings: cameraEncodings }),
    );
  }

  /** Sends `track` for the microphone or camera (null sends nothing); no renegotiation. */
  async replaceTrack(source: 'mic' | 'camera', track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.#transceivers.get(source);
    if (!transceiver || transceiver.sender.track === track) return;
    await transceiver.sender.replaceTrack(track);
    if (source === 'camera') await this.#fitCameraLayers();
  }

  /** Starts (track) or stops (null) a screen-share source. Returns whether a new offer is needed. */
  async setShared(source: 'screen' | 'screen-audio', track: MediaStreamTrack | null): Promise<boolean> {
    const transceiver = this.#transceivers.get(source);
    if (track === null) {
      if (!transceiver) return false;
      transceiver.stop();
      this.#transceivers.delete(source);
      // One never negotiated (its offer was refused and rolled back) has no m-section to reject.
      return transceiver.mid !== null;
    }
    if (transceiver) {
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
      return false;
    }
    const sendEncodings = source === 'screen' ? screenEncodings : undefined;
    this.#add(source, this.#options.pc.addTransceiver(track, { direction: 'sendonly', sendEncodings }));
    return true;
  }

  /**
   * Offers every source (one left out stops on the server) and applies the SFU's answer. Runs
   * after any negotiation still in progress. A refused offer is rolled back and rethrown.
   */
  negotiate(options: { iceRestart?: boolean } = {}): Promise<void> {
    return this.#negotiations.run(async () => {
      if (this.#closed) return;
      const { pc } = this.#options;
      const offer = await pc.createOffer({ iceRestart: options.iceRestart ?? false });
      const sdp = withOpusFecAndDtx(offer.sdp ?? '');
      await pc.setLocalDescription({ type: 'offer', sdp });
      if (this.#closed) return;
      let answer: string;
      try {
        answer = await this.#options.signal(sdp, this.#tracks());
      } catch (error) {
        if (!this.#closed) await pc.setLocalDescription({ type: 'rollback' });
        throw error;
      }
      if (this.#closed) return;
      await pc.setRemoteDescription({ type: 'answer', sdp: withOpusFecAndDtx(answer) });
      await this.#fitCameraLayers();
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.pc.close();
  }

  /** The sending m-sections, by MID (known once the offer is the local description). */
  #tracks(): PublishedTrack[] {
    const tracks: PublishedTrack[] = [];
    for (const [source, transceiver] of this.#transceivers) {
      if (transceiver.mid !== null)
        tracks.push({ mid: transceiver.mid, source, paused: this.#options.paused(source) });
    }
    return tracks;
  }

  /** Scales the simulcast layers to the camera's capture size (see cameraLayers()). */
  async #fitCameraLayers(): Promise<void> {
    const sender = this.#transceivers.get('camera')?.sender;
    const size = sender?.track?.getSettings();
    if (!sender || !size?.width || !size.height) return;
    const layers = cameraLayers(size.width, size.height);
    const parameters = sender.getParameters();
    // Some browsers list no encodings before the first negotiation; this runs again after it.
    if (parameters.encodings.length !== layers.length) return;
    const fitted = parameters.encodings.map((encoding, index) => ({ ...encoding, ...layers[index] }));
    const same = fitted.every(
      (encoding, index) =>
        encoding.scaleResolutionDownBy === parameters.encodings[index]?.scaleResolutionDownBy &&
        encoding.active === (parameters.encodings[index]?.active ?? true),
    );
    if (same) return;
    try {
      await sender.setParameters({ ...parameters, encodings: fitted });
    } catch {
      // Refused before the first negotiation in some browsers: it runs again after each one.
    }
  }

  #add(source: MediaSource, transceiver: RTCRtpTransceiver): void {
    this.#transceivers.set(source, transceiver);
    const kind = transceiver.receiver.track.kind === 'audio' ? 'audio' : 'video';
    const codecs = this.#options.codecs(kind);
    if (!codecs || typeof transceiver.setCodecPreferences !== 'function') return;
    try {
      // VP8: every browser encodes it with simulcast, and the SFU's layer switching reads it.
      transceiver.setCodecPreferences(preferCodec(codecs, kind === 'audio' ? 'audio/opus' : 'video/VP8'));
    } catch {
      // Some browsers refuse preferences they consider invalid; their default order still works.
    }
  }
}
