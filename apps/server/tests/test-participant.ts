import { once } from 'node:events';
import type { MeetingClientFrame, MeetingServerFrame, SubscribedTrack } from '@parley/protocol';
import { startLoopbackStun, type TestMedia, TestPublisher, TestSubscriber } from '@parley/sfu/testing';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { WebSocket } from 'ws';
import { call, type StorageMode, signIn, startTestServer, type TestServer } from './harness.ts';

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
  /** Subscribe offers `autoSubscribe` leaves unanswered, as if lost on the way. */
  loseOffers = 0;
  /** Subscribe answers `autoSubscribe` sends with the wrong m-sections, as a broken client might. */
  spoilAnswers = 0;
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

  /** Opens the socket with a participant token handed out elsewhere (a call's room). */
  static async enter(base: string, stunUrl: string, participantToken: string): Promise<TestParticipant> {
    const participant = new TestParticipant(base, participantToken, stunUrl);
    await participant.connect();
    const joined = await participant.next('joined');
    participant.participantId = joined.participantId;
    return participant;
  }

  /** Opens the meeting socket (again, after a drop; on `base`, another node) with the same participant token. */
  async connect(base = this.base): Promise<void> {
    const socket = new WebSocket(
      `${base.replace('http', 'ws')}/api/v1/meetings/socket?token=${encodeURIComponent(this.token)}`,
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

  /**
   * Publishes audio and a camera (werift peer) and starts sending: crafted frames, or with `media`
   * a real VP8 and Opus file's frames (for what must decode, like recordings).
   */
  async publish(
    options: {
      audio?: boolean;
      video?: boolean;
      paused?: boolean;
      videoSource?: 'camera' | 'screen';
      media?: TestMedia;
    } = {},
  ): Promise<void> {
    const publisher = new TestPublisher(this.stunUrl, { media: options.media });
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
        if (this.loseOffers > 0) {
          this.loseOffers -= 1;
          continue;
        }
        let sdp = await subscriber.answer(offer.sdp);
        if (this.spoilAnswers > 0) {
          this.spoilAnswers -= 1;
          sdp = sdp.replaceAll('a=mid:', 'a=mid:x');
        }
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

  /**
   * New peer connections, as a client makes them after a `joined` that moved it into another room
   * (breakout rooms): publish again afterwards; subscribe offers are answered by a new subscriber.
   */
  async renewMedia(): Promise<void> {
    const { publisher, subscriber } = this;
    this.publisher = undefined;
    this.subscriber = undefined;
    this.tracks = [];
    if (subscriber) this.autoSubscribe();
    publisher?.stop();
    await publisher?.close();
    await subscriber?.close();
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
    if (frame.type === 'joined') {
      this.participantId = frame.participantId;
      // Offers for the connections of before (another room, or before a drop) are void now.
      for (let i = this.frames.length - 1; i >= 0; i--)
        if (this.frames[i]?.type === 'subscribe-offer') this.frames.splice(i, 1);
    }
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

/**
 * For a describe block of meeting tests: a test server (one media worker) and a loopback STUN
 * server for the werift peers, started before its tests and stopped after. Participants joined
 * here close after each test, which must leave no warnings in the server's log
 * (`ignore` lets expected ones pass).
 */
export function meetingTests(
  mode: StorageMode,
  options: { ignore?: (message: string) => boolean; env?: Record<string, string> } = {},
) {
  let server: TestServer | undefined;
  let stunServer: Awaited<ReturnType<typeof startLoopbackStun>> | undefined;
  const participants: TestParticipant[] = [];
  beforeAll(async () => {
    stunServer = await startLoopbackStun();
    server = await startTestServer(mode, { env: { PARLEY_MEDIA_WORKERS: '1', ...options.env } });
  });
  afterAll(async () => {
    await server?.stop();
    await stunServer?.close();
  });
  afterEach(async () => {
    await Promise.all(participants.splice(0).map((participant) => participant.close()));
    expect(server?.takeProblems().filter((problem) => !options.ignore?.(problem.msg))).toEqual([]);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test server has not started yet');
    return value;
  };
  const suite = {
    get t(): TestServer {
      return started(server);
    },
    get stun(): { url: string } {
      return started(stunServer);
    },
    /** Joins on the suite's server; the participant closes after the test. */
    async join(joining: JoinOptions): Promise<TestParticipant> {
      const participant = await TestParticipant.join(suite.t.url, suite.stun.url, joining);
      participants.push(participant);
      return participant;
    },
    /**
     * A meeting without a waiting room that `names` join in order (the first as its signed-in
     * owner), each answering subscribe offers.
     */
    async meetingWith(names: string[]): Promise<TestParticipant[]> {
      const owner = await signIn(suite.t.url);
      const { link } = await createMeeting(suite.t.url, owner.token, { title: 'Media', waitingRoom: false });
      const people: TestParticipant[] = [];
      for (const [index, name] of names.entries()) {
        const person = await suite.join({
          credentials: link,
          session: index === 0 ? owner.token : undefined,
          displayName: name,
        });
        await person.next('joined');
        person.autoSubscribe();
        people.push(person);
      }
      return people;
    },
  };
  return suite;
}
