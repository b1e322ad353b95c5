import { randomUUID } from 'node:crypto';
import {
  type CallConnection,
  type ClientFrame,
  gatewayLimits,
  type SendResult,
  type ServerFrame,
} from '@parley/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Session } from '../accounts/sessions.ts';
import {
  acceptCall,
  declineCall,
  endCall,
  joinCall,
  relayCall,
  signalCall,
  startCall,
} from '../calls/calls.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { deleteMessage, editMessage, reactToMessage, sendMessage } from '../messaging/messages.ts';
import {
  deviceConnected,
  deviceDisconnected,
  deviceLiveTopic,
  relayTyping,
  userTopic,
} from '../messaging/presence.ts';
import { deviceTopic, lastSeq, readQueue } from '../messaging/queue.ts';
import { acknowledge, markRead } from '../messaging/receipts.ts';
import { errorFrame, parseClientFrame } from './frames.ts';

const batchSize = 100;

/**
 * One device's socket. After `hello` it streams the device's queue in order, never more than
 * `maxUnackedEvents` ahead of the device's acknowledgements and never faster than the socket
 * drains, so a slow device holds back only itself. The queue is re-read from the database on every
 * wake-up, which makes a lost or duplicated wake-up harmless.
 */
export class Connection {
  /** The last sequence number sent to the device. */
  sentSeq = 0;
  private ackedSeq = 0;
  started = false;
  private caughtUp = false;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;
  private readonly unsubscribes: (() => Promise<void>)[] = [];
  private handling: Promise<void> = Promise.resolve();
  alive = true;
  readonly id = randomUUID();

  constructor(
    private readonly ctx: AppContext,
    readonly socket: WebSocket,
    readonly session: Session,
    private readonly logger: Logger,
  ) {}

  async open(): Promise<void> {
    // Frames are handled one at a time in arrival order: two quick sends must be stored (and so
    // delivered) in the order the device sent them.
    this.socket.on('message', (data, isBinary) => {
      this.handling = this.handling.then(() => this.receive(data as Buffer, isBinary));
    });
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.unsubscribes.push(
      await this.ctx.bus.subscribe(deviceTopic(this.session.deviceId), () => void this.pump()),
      await this.ctx.bus.subscribe(userTopic(this.session.userId), (frame) =>
        this.send(frame as ServerFrame),
      ),
      await this.ctx.bus.subscribe(deviceLiveTopic(this.session.deviceId), (frame) =>
        this.send(frame as ServerFrame),
      ),
    );
    this.send({
      type: 'ready',
      userId: this.session.userId,
      deviceId: this.session.deviceId,
      heartbeatSeconds: gatewayLimits.heartbeatSeconds,
    });
    await deviceConnected(this.ctx, this.session);
  }

  async close(options: { offline: boolean } = { offline: true }): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.unsubscribes.map((unsubscribe) => unsubscribe()));
    if (!options.offline) return;
    await deviceDisconnected(this.ctx, this.session).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'presence not updated on disconnect');
    });
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    const parsed = parseClientFrame(data, isBinary);
    if ('error' in parsed) return this.send(parsed.error);
    const { frame } = parsed;
    try {
      const data = await this.handle(frame);
      this.send(data ? { type: 'ok', id: frame.id, data } : { type: 'ok', id: frame.id });
    } catch (error) {
      if (error instanceof AppError) return this.send(errorFrame(error.code, error.message, frame.id));
      this.logger.error({ err: error, frame: frame.type }, 'gateway frame failed');
      this.send(errorFrame('INTERNAL', 'Something went wrong on our side. Please try again.', frame.id));
    }
  }

  private async handle(frame: ClientFrame): Promise<SendResult | CallConnection | undefined> {
    const { ctx, session } = this;
    switch (frame.type) {
      case 'ping':
        return;
      case 'hello':
        return this.hello(frame.lastSeq);
      case 'ack':
        if (!this.started) throw new AppError('VALIDATION_FAILED', 'Send hello first.');
        if (frame.seq > this.sentSeq) throw new AppError('VALIDATION_FAILED', 'That event was not sent yet.');
        if (frame.seq > this.ackedSeq) {
          await acknowledge(ctx, session, frame.seq);
          this.ackedSeq = frame.seq;
          void this.pump();
        }
        return;
      case 'send':
        return sendMessage(ctx, session, frame);
      case 'edit':
        await editMessage(ctx, session, frame);
        return;
      case 'delete':
        await deleteMessage(ctx, session, frame);
        return;
      case 'react':
        await reactToMessage(ctx, session, frame);
        return;
      case 'read':
        await markRead(ctx, session, frame);
        return;
      case 'typing':
        await relayTyping(ctx, session, frame);
        return;
      case 'call-start':
        return startCall(ctx, session, frame);
      case 'call-accept':
        return acceptCall(ctx, session, frame.callId);
      case 'call-decline':
        await declineCall(ctx, session, frame.callId);
        return;
      case 'call-end':
        await endCall(ctx, session, frame.callId);
        return;
      case 'call-signal':
        await signalCall(ctx, session, frame.callId, frame.signal);
        return;
      case 'call-relay':
        return relayCall(ctx, session, frame.callId);
      case 'call-join':
        return joinCall(ctx, session, frame.callId);
    }
  }

  /** Resumes after what the device already has; those events count as acknowledged. */
  private async hello(lastSeqSeen: number): Promise<undefined> {
    if (this.started) throw new AppError('VALIDATION_FAILED', 'hello was already sent on this connection.');
    // A device cannot have seen more than was ever queued for it (e.g. a store from another server).
    const resumeFrom = Math.min(lastSeqSeen, await lastSeq(this.ctx.database.db, this.session.deviceId));
    if (resumeFrom > 0) await acknowledge(this.ctx, this.session, resumeFrom);
    this.sentSeq = resumeFrom;
    this.ackedSeq = resumeFrom;
    this.started = true;
    // After the `ok` answer goes out: the events follow it.
    setImmediate(() => void this.pump());
    return undefined;
  }

  /** Sends queued events while the window allows; concurrent calls fold into one more pass. */
  async pump(): Promise<void> {
    if (!this.started || this.closed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        await this.sendAvailable();
      } while (this.pumpAgain && !this.closed);
    } catch (error) {
      this.logger.error({ err: error }, 'queue not delivered');
    } finally {
      this.pumping = false;
    }
  }

  private async sendAvailable(): Promise<void> {
    for (;;) {
      const window = gatewayLimits.maxUnackedEvents - (this.sentSeq - this.ackedSeq);
      if (window <= 0 || this.closed) return; // wait for acknowledgements
      const batch = await readQueue(
        this.ctx.database.db,
        this.session.deviceId,
        this.sentSeq,
        Math.min(window, batchSize),
      );
      if (batch.length === 0) {
        if (!this.caughtUp) {
          this.caughtUp = true;
          this.send({ type: 'caught-up', seq: this.sentSeq });
        }
        return;
      }
      const last = batch.length - 1;
      for (const [index, { seq, event }] of batch.entries()) {
        const frame: ServerFrame = { type: 'event', seq, event };
        // Counted as sent first: the device may acknowledge it before the write callback runs.
        this.sentSeq = seq;
        if (index < last) this.send(frame);
        else await this.sendFlushed(frame);
      }
      this.ctx.metrics.gatewayEventsSent.inc(batch.length);
    }
  }

  /** Resolves once the frame has been handed to the network: backpressure for slow devices. */
  private sendFlushed(frame: ServerFrame): Promise<void> {
    if (this.socket.readyState !== this.socket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.socket.send(JSON.stringify(frame), () => resolve()));
  }
}
