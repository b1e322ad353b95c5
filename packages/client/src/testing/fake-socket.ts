// A WebSocket double at the frame level, for unit tests of the gateway's and the meeting socket's
// state machines. Sent/Received default to the gateway's frames.
import type { ClientFrame, ServerFrame } from '@parley/protocol';

type AnyFrame = { type: string; id?: string };
type Waiter<Sent> = { type: string | undefined; resolve(frame: Sent): void };

export class FakeSocket<Sent extends AnyFrame = ClientFrame, Received = ServerFrame> {
  readonly url: string;
  readyState = 1;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  /** Every frame the client sent, in order. */
  readonly sent: Sent[] = [];
  /** How the client closed this socket, if it did. */
  closedWith: { code: number; reason: string } | null = null;
  #unread: Sent[] = [];
  #waiters: Waiter<Sent>[] = [];

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket is not open');
    const frame = JSON.parse(data) as Sent;
    this.sent.push(frame);
    const waiter = this.#waiters.findIndex((w) => w.type === undefined || w.type === frame.type);
    if (waiter >= 0) {
      const [found] = this.#waiters.splice(waiter, 1);
      found?.resolve(frame);
    } else {
      this.#unread.push(frame);
    }
  }

  close(code = 1000, reason = ''): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The next frame of this type the client sends (or has sent and no one has read yet). */
  next<T extends Sent['type']>(type?: T): Promise<Extract<Sent, { type: T }>> {
    const index = this.#unread.findIndex((frame) => type === undefined || frame.type === type);
    if (index >= 0) {
      const [frame] = this.#unread.splice(index, 1);
      return Promise.resolve(frame as Extract<Sent, { type: T }>);
    }
    return new Promise((resolve) => this.#waiters.push({ type, resolve: resolve as (frame: Sent) => void }));
  }

  /** Frames of a type the client sent that no test has read yet. */
  unread(type: Sent['type']): Sent[] {
    return this.#unread.filter((frame) => frame.type === type);
  }

  /** The server sends a frame. */
  receive(frame: Received | Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** The server (or the network) closes the connection. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Plays the server's side of connecting: ready, then ok to hello. Returns the hello's lastSeq. */
  async accept(this: FakeSocket, identity: { userId: string; deviceId: string }): Promise<number> {
    this.receive({ type: 'ready', ...identity, heartbeatSeconds: 25 });
    const hello = await this.next('hello');
    this.receive({ type: 'ok', id: hello.id });
    return hello.lastSeq;
  }

  /** Answers the next frame of a type with ok. */
  async answer<T extends Sent['type']>(type: T, data?: unknown): Promise<Extract<Sent, { type: T }>> {
    const frame = await this.next(type);
    this.receive(data === undefined ? { type: 'ok', id: frame.id } : { type: 'ok', id: frame.id, data });
    return frame;
  }
}

/** A WebSocket class whose instances are FakeSockets, collected in `sockets` as they are made. */
export function fakeWebSocket<Sent extends AnyFrame = ClientFrame, Received = ServerFrame>(
  sockets: FakeSocket<Sent, Received>[],
): typeof WebSocket {
  return class extends FakeSocket<Sent, Received> {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  } as unknown as typeof WebSocket;
}
