import type { Call, CallSignal, ServerFrame } from '@parley/protocol';
import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { memberIds } from '../messaging/chats.ts';
import { devicesOfUsers } from '../messaging/membership.ts';
import { deviceLiveTopic, publishToUsers } from '../messaging/presence.ts';
import { enqueueFor, withQueue } from '../messaging/queue.ts';
import type { CallRow } from './call-view.ts';

/**
 * Tells every connected device of the chat's members how the call stands now: `ring` users get it
 * as `call-incoming` (their devices ring), the others as `call-updated`.
 */
export async function publishCall(ctx: AppContext, call: Call, ring: readonly string[] = []): Promise<void> {
  const members = await memberIds(ctx.database.db, call.chatId);
  const ringing = new Set(ring);
  await publishToUsers(
    ctx,
    members.filter((id) => !ringing.has(id)),
    { type: 'call-updated', call },
  );
  if (ringing.size > 0) await publishToUsers(ctx, [...ringing], { type: 'call-incoming', call });
}

/** Relays peer-to-peer signaling to the other device of a direct call. */
export async function relaySignal(ctx: AppContext, deviceId: string, callId: string, signal: CallSignal) {
  await ctx.bus.publish(deviceLiveTopic(deviceId), {
    type: 'call-signal',
    callId,
    signal,
  } satisfies ServerFrame);
}

/**
 * The call in the chat's history, as WhatsApp shows it: a system message from the caller saying
 * how it went (each member's app words it as outgoing, incoming or missed). Queued like any message,
 * so devices that were away get it too.
 */
export async function postCallMessage(ctx: AppContext, row: CallRow): Promise<void> {
  if (row.outcome === null) return;
  const outcome = row.outcome;
  const durationSeconds =
    row.answered_at !== null && row.ended_at !== null
      ? Math.round((row.ended_at - row.answered_at) / 1000)
      : 0;
  await withQueue(ctx, async (trx, queued) => {
    const devices = await devicesOfUsers(trx, await memberIds(trx, row.chat_id));
    const now = ctx.clock();
    const message = {
      id: ulid(now),
      chatId: row.chat_id,
      senderId: row.caller_id,
      senderDeviceId: null,
      sentAt: new Date(row.ended_at ?? now).toISOString(),
      content: {
        type: 'system' as const,
        system: { action: 'call' as const, callId: row.id, media: row.media, outcome, durationSeconds },
      },
    };
    await enqueueFor(ctx, trx, queued, { type: 'message', message }, devices);
  });
}
