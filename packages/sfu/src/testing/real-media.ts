/**
 * Real VP8 and Opus for test peers, so that what they send (and what is recorded from it) decodes:
 * a file ffmpeg encodes from its test sources, its frames read back with mediabunny, and the RTP
 * packetizers that send them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input, type InputTrack } from 'mediabunny';

/** One encoded frame of a test file. */
export interface TestMediaFrame {
  data: Buffer;
  /** Presentation time in the file. */
  timestampMs: number;
  key: boolean;
}

export interface TestMedia {
  video: TestMediaFrame[];
  audio: TestMediaFrame[];
  /** From the first video frame to the end of the last. */
  durationMs: number;
  width: number;
  height: number;
  fps: number;
}

/**
 * Encodes `seconds` of ffmpeg's test pattern and a 440 Hz tone into `dir` as WebM: VP8 with a keyframe
 * every second and no hidden alt-ref frames (as a WebRTC encoder makes), Opus stereo in 20 ms frames.
 * Returns the file's path.
 */
export async function makeTestMediaFile(
  dir: string,
  options: { seconds: number; width: number; height: number; fps: number },
): Promise<string> {
  const { seconds, width, height, fps } = options;
  const file = path.join(dir, `test-media-${width}x${height}-${fps}fps-${seconds}s.webm`);
  await promisify(execFile)('ffmpeg', [
    ...['-v', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-t', String(seconds)],
    ...['-c:v', 'libvpx', '-g', String(fps), '-deadline', 'realtime', '-b:v', '300k'],
    ...['-auto-alt-ref', '0', '-lag-in-frames', '0'],
    ...['-c:a', 'libopus', '-ac', '2', '-frame_duration', '20'],
    file,
  ]);
  return file;
}

/** The frames of a WebM file with one VP8 and one Opus track, in decode order. */
export async function loadTestMedia(file: string): Promise<TestMedia> {
  const input = new Input({ source: new FilePathSource(file), formats: ALL_FORMATS });
  try {
    const video = await input.getPrimaryVideoTrack();
    const audio = await input.getPrimaryAudioTrack();
    if (video?.codec !== 'vp8' || audio?.codec !== 'opus') throw new Error(`${file} is not VP8 and Opus`);
    const videoFrames = await framesOf(video);
    const first = videoFrames[0];
    const last = videoFrames.at(-1);
    if (!first || !last) throw new Error(`${file} has no video frames`);
    const frameMs = (last.timestampMs - first.timestampMs) / Math.max(1, videoFrames.length - 1);
    const durationMs = Math.round(last.timestampMs - first.timestampMs + frameMs);
    return {
      video: videoFrames,
      audio: await framesOf(audio),
      durationMs,
      width: video.codedWidth,
      height: video.codedHeight,
      fps: Math.round((videoFrames.length * 1000) / durationMs),
    };
  } finally {
    input.dispose();
  }
}

async function framesOf(track: InputTrack): Promise<TestMediaFrame[]> {
  const frames: TestMediaFrame[] = [];
  for await (const packet of new EncodedPacketSink(track).packets()) {
    frames.push({
      data: Buffer.from(packet.data),
      timestampMs: Math.round(packet.timestamp * 1000),
      key: packet.type === 'key',
    });
  }
  return frames;
}

/**
 * The RTP payloads of one VP8 frame (RFC 7741): each starts with a descriptor carrying the 15-bit
 * `pictureId`; the first has S=1. The last packet is the one to send with the marker bit.
 */
export function packetizeVp8(frame: Uint8Array, pictureId: number, maxPayloadBytes = 1100): Buffer[] {
  const descriptorBytes = 4;
  const room = maxPayloadBytes - descriptorBytes;
  if (room <= 0) throw new Error(`no room for VP8 data in ${maxPayloadBytes} bytes`);
  const payloads: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += room) {
    const part = frame.subarray(offset, offset + room);
    const payload = Buffer.alloc(descriptorBytes + part.length);
    payload[0] = 0x80 | (offset === 0 ? 0x10 : 0); // X, S on the first packet, partition 0
    payload[1] = 0x80; // I: picture ID present
    payload.writeUInt16BE(0x8000 | (pictureId & 0x7fff), 2); // M: 15-bit picture ID
    payload.set(part, descriptorBytes);
    payloads.push(payload);
  }
  return payloads;
}

/** The RTP payload of one Opus packet (RFC 7587): the packet itself, always one RTP packet. */
export function packetizeOpus(frame: Uint8Array): Buffer {
  return Buffer.from(frame);
}

/**
 * Plays one track's frames in a loop, with ever-increasing times, as a live encoder would produce
 * them: after the last frame comes the first again, one frame interval later.
 */
export class TestMediaLoop {
  readonly #frames: TestMediaFrame[];
  readonly #loopMs: number;
  #index = 0;
  /** Added to a frame's time in the file to give its time in the loop. */
  #offsetMs: number;

  constructor(frames: TestMediaFrame[], durationMs: number) {
    const first = frames[0];
    if (!first) throw new Error('no frames to loop');
    this.#frames = frames;
    this.#loopMs = durationMs;
    this.#offsetMs = -first.timestampMs;
  }

  /** The next frame and its time in the loop (0 for the first). */
  next(): { frame: TestMediaFrame; timestampMs: number } {
    const frame = this.#frames[this.#index] as TestMediaFrame;
    const timestampMs = frame.timestampMs + this.#offsetMs;
    this.#advance();
    return { frame, timestampMs };
  }

  /**
   * Makes the next frame a keyframe, as an encoder does for a PLI: the frames up to the file's next
   * keyframe are skipped, and that keyframe takes the time the skipped frame would have had.
   */
  skipToKeyframe(): void {
    const time = (this.#frames[this.#index] as TestMediaFrame).timestampMs + this.#offsetMs;
    while (!(this.#frames[this.#index] as TestMediaFrame).key) this.#advance();
    this.#offsetMs = time - (this.#frames[this.#index] as TestMediaFrame).timestampMs;
  }

  #advance(): void {
    this.#index++;
    if (this.#index < this.#frames.length) return;
    this.#index = 0;
    this.#offsetMs += this.#loopMs;
  }
}
