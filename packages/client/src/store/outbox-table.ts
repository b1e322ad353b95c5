import type { ClientFrame, Content, SendResult } from '@parley/protocol';
import { refreshLastMessage } from './chat-rows.ts';
import { getMessageRow, isoTime, setContent, setReaction, setState } from './message-rows.ts';
import { raiseState } from './receipts.ts';
import type { Reaction } from './records.ts';
import type { SqlDatabase } from './sql-database.ts';

type WithoutId<F> = F extends unknown ? Omit<F, 'id'> : never;

/** What the outbox sends: the person's own actions, as client frames without their frame id. */
export type OutboxOp = WithoutId<
  Extract<ClientFrame, { type: 'send' | 'edit' | 'delete' | 'react' | 'read' }>
>;

export interface OutboxEntry {
  seq: number;
  op: OutboxOp;
}

/**
 * How a message looked before a queued change, applied locally at once, so that a refusal from
 * the server (edit window passed, no longer a member) puts it back as everyone else sees it.
 */
export type Restore =
  | {
      kind: 'content';
      content: Content | null;
      editedAt: string | null;
      deletedAt: string | null;
      reactions: Reaction[];
    }
  | { kind: 'reaction'; userId: string; emoji: string | null };

export function enqueue(db: SqlDatabase, op: OutboxOp, restore: Restore | null, now: string): void {
  const messageId = op.type === 'read' ? op.upToMessageId : op.messageId;
  db.run('INSERT INTO outbox (message_id, op, restore, created_at) VALUES (?, ?, ?, ?)', [
    messageId,
    JSON.stringify(op),
    restore === null ? null : JSON.stringify(restore),
    isoTime(now),
  ]);
}

export function listOutbox(db: SqlDatabase): OutboxEntry[] {
  return db
    .all<{ seq: number; op: string }>('SELECT seq, op FROM outbox ORDER BY seq')
    .map((row) => ({ seq: row.seq, op: JSON.parse(row.op) as OutboxOp }));
}

/** The message an outbox result changed, for change notifications. */
export interface Touched {
  chatId: string;
  messageId: string;
}

/** The server accepted an entry: a sent message gets its tick and the server's time. */
export function completeEntry(db: SqlDatabase, seq: number, result: SendResult | undefined): Touched | null {
  const entry = takeEntry(db, seq);
  if (entry?.op.type !== 'send') return null;
  const row = getMessageRow(db, entry.op.messageId);
  if (!row?.own || row.state === null) return null;
  db.run('UPDATE messages SET state = ?, error_code = NULL, sent_at = ? WHERE id = ?', [
    raiseState(row.state, 'sent'),
    result ? isoTime(result.sentAt) : row.sent_at,
    row.id,
  ]);
  refreshLastMessage(db, row.chat_id);
  return { chatId: row.chat_id, messageId: row.id };
}

/**
 * The server refused an entry for good: a message is marked failed with the code, an edit,
 * delete or reaction is undone (unless a later change of the same kind is still queued).
 */
export function failEntry(db: SqlDatabase, seq: number, code: string): Touched | null {
  const entry = takeEntry(db, seq);
  if (!entry) return null;
  const { op, restore } = entry;
  if (op.type === 'read') return null;
  const row = getMessageRow(db, op.messageId);
  if (!row || row.hidden) return null;
  if (op.type === 'send') {
    if (row.state === 'pending') setState(db, row.id, 'failed', code);
    return { chatId: row.chat_id, messageId: row.id };
  }
  if (!restore) return null;
  // A later change of the same kind is still queued: it now undoes to what this one would have,
  // so a chain of refused edits ends where the server's copy is, not at a refused middle step.
  const later = db.get<{ seq: number }>(
    `SELECT seq FROM outbox WHERE message_id = ? AND seq > ? AND json_extract(restore, '$.kind') = ?
     ORDER BY seq LIMIT 1`,
    [row.id, seq, restore.kind],
  );
  if (later) {
    db.run('UPDATE outbox SET restore = ? WHERE seq = ?', [JSON.stringify(restore), later.seq]);
    return null;
  }
  if (restore.kind === 'reaction') {
    setReaction(db, row.id, restore.userId, restore.emoji);
  } else {
    setContent(db, row.id, restore);
    db.run('DELETE FROM reactions WHERE message_id = ?', [row.id]);
    for (const reaction of restore.reactions) setReaction(db, row.id, reaction.userId, reaction.emoji);
  }
  return { chatId: row.chat_id, messageId: row.id };
}

function takeEntry(db: SqlDatabase, seq: number): { op: OutboxOp; restore: Restore | null } | undefined {
  const row = db.get<{ op: string; restore: string | null }>('SELECT op, restore FROM outbox WHERE seq = ?', [
    seq,
  ]);
  if (!row) return undefined;
  db.run('DELETE FROM outbox WHERE seq = ?', [seq]);
  return {
    op: JSON.parse(row.op) as OutboxOp,
    restore: row.restore === null ? null : (JSON.parse(row.restore) as Restore),
  };
}
