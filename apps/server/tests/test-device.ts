import { once } from 'node:events';
import type { ClientFrame, ParleyEvent, ServerFrame } from '@parley/protocol';
import { ulid } from 'ulid';
import { WebSocket } from 'ws';
import { call, signIn } from './harness.ts';

type Request = ClientFrame extends infer F ? (F extends { id: string } ? Omit<F, 'id'> : never) : never;
type Answer = Extract<ServerFrame, { type: 'ok' | 'error' }>;

/**
 * A device speaking the gateway protocol as a client must: hello with its last sequence, events
 * applied in order, acknowledgements. Tests read what it received and decide when it acks.
 */
export class TestDevice {
  /** Every queued event received, in arrival order. */
  readonly events: { seq: number; event: ParleyEvent }[] = [];
  /** Live frames (typing, presence, caught-up, signed-out). */
  readonly live: ServerFrame[] = [];
  lastSeq = 0;
  private socket: WebSocket | undefined;
  private readonly answers = new Map<string, (answer: Answer) => void>();
  private readonly waiters: (() => void)[] = [];
  private counter = 0;

  constructor(
    readonly base: string,
    readonly token: string,
    readonly userId: string,
    readonly deviceId: string,
    private readonly autoAck: boolean,
  ) {}

  /** Signs a number in (a new device) and connects it. */
  static async signIn(
    base: string,
    options: { phone?: string; name?: string; autoAck?: boolean; connect?: boolean } = {},
  ) {
    const session = await signIn(base, options.phone, options.name ?? 'Test device');
    if (options.name)
      await call(base, 'PATCH', '/api/v1/me', { token: session.token, json: { displayName: options.name } });
    const device = new TestDevice(
      base,
      session.token,
      session.user.id,
      session.device.id,
      options.autoAck ?? true,
    );
    if (options.connect ?? true) await device.connect();
    return device;
  }

  /** Opens the socket (again) on `base` and resumes after `lastSeq`. */
  async connect(base = this.base): Promise<void> {
    const socket = new WebSocket(
      `${base.replace('http', 'ws')}/api/v1/gateway?token=${encodeURIComponent(this.token)}`,
    );
    this.socket = socket;
    socket.on('message', (data) => this.receive(JSON.parse(String(data)) as ServerFrame));
    await once(socket, 'open');
    const answer = await this.request({ type: 'hello', lastSeq: this.lastSeq });
    if (answer.type !== 'ok') throw new Error(`hello refused: ${JSON.stringify(answer)}`);
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === 'ok' || (frame.type === 'error' && frame.id)) {
      this.answers.get(frame.id as string)?.(frame);
      this.answers.delete(frame.id as string);
    } else if (frame.type === 'event') {
      if (frame.seq <= this.lastSeq)
        throw new Error(`duplicate or out-of-order event ${frame.seq} after ${this.lastSeq}`);
      this.lastSeq = frame.seq;
      this.events.push({ seq: frame.seq, event: frame.event });
      if (this.autoAck) void this.request({ type: 'ack', seq: frame.seq });
    } else if (frame.type !== 'ready') {
      this.live.push(frame);
    }
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Sends a frame and resolves with the server's answer to it. */
  request(frame: Request): Promise<Answer> {
    const id = `f${++this.counter}`;
    const answered = new Promise<Answer>((resolve) => this.answers.set(id, resolve));
    this.socket?.send(JSON.stringify({ ...frame, id }));
    return answered;
  }

  /** Sends a text message and resolves with the server's answer. */
  sendText(chatId: string, text: string, messageId = ulid()): Promise<Answer> {
    return this.request({ type: 'send', chatId, messageId, content: { type: 'text', text } });
  }

  /** Resolves once `predicate` holds over what was received (re-checked on every frame). */
  async until<T>(predicate: () => T | undefined | false): Promise<T> {
    for (;;) {
      const result = predicate();
      if (result) return result;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The first received event matching, waiting for it if needed. */
  event<T extends ParleyEvent['type']>(
    type: T,
    match: (event: Extract<ParleyEvent, { type: T }>) => boolean = () => true,
  ) {
    return this.until(
      () =>
        this.events.find(
          (entry): entry is { seq: number; event: Extract<ParleyEvent, { type: T }> } =>
            entry.event.type === type && match(entry.event as Extract<ParleyEvent, { type: T }>),
        )?.event,
    );
  }

  eventsOf<T extends ParleyEvent['type']>(type: T): Extract<ParleyEvent, { type: T }>[] {
    return this.events
      .filter((entry) => entry.event.type === type)
      .map((entry) => entry.event as Extract<ParleyEvent, { type: T }>);
  }

  /** Waits for `caught-up`, the server's word that everything queued so far was sent. */
  caughtUp(): Promise<ServerFrame> {
    return this.until(() => this.live.find((frame) => frame.type === 'caught-up'));
  }

  /** Calls back with the close code when the current socket closes. */
  onClose(listener: (code: number) => void): void {
    this.socket?.once('close', (code) => listener(code));
  }

  /** Drops the connection without a goodbye, as a lost network does. */
  async drop(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === socket.CLOSED) return;
    const closed = once(socket, 'close');
    socket.terminate();
    await closed;
    this.live.length = 0;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === socket.CLOSED) return;
    const closed = once(socket, 'close');
    socket.close();
    await closed;
  }
}

/** Signs in devices for one test and closes them all afterwards (call `closeAll` in afterEach). */
export function deviceTracker(base: () => string) {
  const open: TestDevice[] = [];
  return {
    async signIn(options: Parameters<typeof TestDevice.signIn>[1] = {}): Promise<TestDevice> {
      const device = await TestDevice.signIn(base(), options);
      open.push(device);
      return device;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((device) => device.close()));
    },
  };
}
