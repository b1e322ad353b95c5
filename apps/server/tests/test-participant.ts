import { once } from 'node:events';
import type { MeetingClientFrame, MeetingServerFrame, SubscribedTrack } from '@parley/protocol';
import { TestPublisher, TestSubscriber } from '@parley/sfu/testing';
import { WebSocket } from 'ws';
import { call } from './harness.ts';

type Request = MeetingClientFrame extends infer F
  ? F extends { id: string }
    ? Omit<F, 'id'>
    : never
  : never;
type Answer = Extract<MeetingServerFrame, { type: 'ok' | 'error' }>;
type FrameOf<T extends MeetingServerFrame['type']> = Extract<MeetingServerFrame, { type: T }>;

/** Creates a meeting as `ownerToken`'s user; `link` is what its join link carries. */
export async function createMeeting(base: string, ownerToken: string, settings: Record<string, unknown>) {
  const created = await call(base, 'POST', '/api/v1/meetings', { token: ownerToken, json: settings });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  return {
    meeting: created.body,
    link: { token: new URL(created.body.joinUrl).searchParams.get('t') as string },
  };
}

export interface JoinOptions {
  /** Link token or id + passcode. */
  credentials: { token: string } | { code: string; passcode?: string };
  /** Signed-in user's session token; omitted for a guest. */
  session?: string;
  displayName?: string;
  guestKey?: string;
}

/**
 * A meeting participant speaking the meeting socket protocol, with werift peers for media.
 * Tests await the frames they expect, by type, in arrival order.
 */
export class TestParticipant {
  readonly frames: MeetingServerFrame[] = [];
  participantId = '';
  closeCode: number | undefined;
  publisher: TestPublisher | undefined;
  subscriber: TestSubscriber | undefined;
  /** The last subscribe offer's tracks, by mid. */
  tracks: SubscribedTrack[] = [];
  #socket: WebSocket | undefined;
  #counter = 0;
  readonly #answers = new Map<string, (answer: Answer) => void>();
  readonly #waiters = new Set<() => void>();

  private constructor(
    readonly base: string,
    readonly token: string,
    readonly stunUrl: string,
  ) {}

  /** Joins over HTTP (the ticket) and opens the socket. */
  static async join(base: string, stunUrl: string, options: JoinOptions): Promise<TestParticipant> {
    const ticket = await call(base, 'POST', '/api/v1/meetings/join', {
      token: options.session,
      json: { ...options.credentials, displayName: options.displayName, guestKey: options.guestKey },
    });
    if (ticket.status !== 201) throw new Error(`join: ${ticket.status} ${JSON.stringify(ticket.body)}`);
    const participant = new TestParticipant(base, ticket.body.participantToken, stunUrl);
    participant.participantId = ticket.body.participantId;
    await participant.connect();
    return participant;
  }

  /** Opens the meeting socket (again, after a drop) with the same participant token. */
  async connect(): Promise<void> {
    const socket = new WebSocket(
      `${this.base.replace('http', 'ws')}/api/v1/meetings/socket?token=${encodeURIComponent(this.token)}`,
    );
    this.#socket = socket;
    this.closeCode = undefined;
    socket.on('message', (data) => this.#receive(JSON.parse(String(data)) as MeetingServerFrame));
    socket.on('close', (code) => {
      if (this.#socket === socket) this.closeCode = code;
      this.#notify();
    });
    await once(socket, 'open');
  }

  request(frame: Request): Promise<Answer> {
    const id = `t${++this.#counter}`;
    const answer = new Promise<Answer>((resolve) => this.#answers.set(id, resolve));
    this.#socket?.send(JSON.stringify({ ...frame, id }));
    return answer;
  }

  /** Like request, but fails the test on an error answer. */
  async ok(frame: Request): Promise<Extract<Answer, { type: 'ok' }>> {
    const answer = await this.request(frame);
    if (answer.type !== 'ok') throw new Error(`${frame.type}: ${answer.code} ${answer.message}`);
    return answer;
  }

  sendRaw(text: string): void {
    this.#socket?.send(text);
  }

  /** The next frame of `type` not yet taken (earlier frames of other types stay readable). */
  async next<T extends MeetingServerFrame['type']>(
    type: T,
    match: (frame: FrameOf<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<FrameOf<T>> {
    let frame: FrameOf<T> | undefined;
    await this.#until(
      () => {
        const index = this.frames.findIndex((f) => f.type === type && match(f as FrameOf<T>));
        if (index < 0) return false;
        frame = this.frames.splice(index, 1)[0] as FrameOf<T>;
        return true;
      },
      timeoutMs,
      () => `no ${type} frame; got ${this.frames.map((f) => f.type).join(', ')}`,
    );
    return frame as FrameOf<T>;
  }

  /** Resolves with the close code once the server closed the socket. */
  async closed(timeoutMs = 10_000): Promise<number> {
    await this.#until(
      () => this.closeCode !== undefined,
      timeoutMs,
      () => 'socket still open',
    );
    return this.closeCode as number;
  }

  /** Drops the socket the way a lost network does (no leave frame). */
  drop(): void {
    this.#socket?.terminate();
  }

  /** Publishes audio and a camera (werift peer) and starts sending. */
  async publish(
    options: { audio?: boolean; video?: boolean; paused?: boolean; videoSource?: 'camera' | 'screen' } = {},
  ): Promise<void> {
    const publisher = new TestPublisher(this.stunUrl);
    this.publisher = publisher;
    const audio = options.audio ?? true;
    const video = options.video ?? true;
    if (audio) publisher.addAudio();
    if (video) publisher.addVideo();
    const offer = await publisher.offer();
    const tracks = [
      ...(audio
        ? [{ mid: publisher.audioMid, source: 'mic' as const, paused: options.paused ?? false }]
        : []),
      ...(video
        ? [
            {
              mid: publisher.videoMid,
              source: options.videoSource ?? 'camera',
              paused: options.paused ?? false,
            },
          ]
        : []),
    ];
    const answer = await this.ok({ type: 'publish', sdp: offer, tracks });
    await publisher.applyAnswer(answer.data?.sdp ?? '');
    publisher.start();
  }

  /** Answers subscribe offers as they come, keeping the track map current. */
  autoSubscribe(): void {
    this.subscriber ??= new TestSubscriber(this.stunUrl);
    const subscriber = this.subscriber;
    const loop = async () => {
      while (this.closeCode === undefined) {
        const offer = await this.next('subscribe-offer', () => true, 60_000).catch(() => undefined);
        if (!offer) continue;
        if (this.subscriber !== subscriber) {
          // Replaced by a new subscriber (new peer connection): its own loop answers this offer.
          this.frames.unshift(offer);
          this.#notify();
          return;
        }
        const sdp = await subscriber.answer(offer.sdp);
        await this.request({ type: 'subscribe-answer', sdp });
        this.tracks = offer.tracks;
        this.#notify();
      }
    };
    void loop();
  }

  /** Waits until the subscribed tracks satisfy `done`. */
  async untilTracks(done: (tracks: SubscribedTrack[]) => boolean, timeoutMs = 10_000): Promise<void> {
    await this.#until(
      () => done(this.tracks),
      timeoutMs,
      () => `tracks: ${JSON.stringify(this.tracks)}`,
    );
  }

  /** Waits until RTP arrives on the m-section carrying `participantId`'s `source`. */
  async receives(
    participantId: string,
    source: 'mic' | 'camera' | 'screen',
    timeoutMs = 10_000,
  ): Promise<void> {
    const started = Date.now();
    let mid = '';
    await this.#until(
      () => {
        mid = this.tracks.find((t) => t.participantId === participantId && t.source === source)?.mid ?? '';
        return mid !== '';
      },
      timeoutMs,
      () => `no ${source} track of ${participantId}`,
    );
    const subscriber = this.subscriber as TestSubscriber;
    const ssrc = subscriber.ssrcOfMid(mid);
    await subscriber.nextPacket(
      (packet) => packet.ssrc === ssrc,
      Math.max(1, timeoutMs - (Date.now() - started)),
    );
  }

  async close(): Promise<void> {
    this.#socket?.terminate();
    this.publisher?.stop();
    await this.publisher?.close();
    await this.subscriber?.close();
  }

  #receive(frame: MeetingServerFrame): void {
    if (frame.type === 'ok' || frame.type === 'error') {
      const resolve = frame.id ? this.#answers.get(frame.id) : undefined;
      if (resolve && frame.id) {
        this.#answers.delete(frame.id);
        resolve(frame);
        return;
      }
    }
    if (frame.type === 'joined') this.participantId = frame.participantId;
    this.frames.push(frame);
    this.#notify();
  }

  #notify(): void {
    for (const wake of this.#waiters) wake();
  }

  /** Re-checks `done` whenever a frame, close or track change arrives, until it holds or time runs out. */
  async #until(done: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() >= deadline) throw new Error(`${failure()} (after ${timeoutMs} ms)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, deadline - Date.now());
        function wake() {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        }
        const waiters = this.#waiters;
        waiters.add(wake);
      });
    }
  }
}
