import type { Content, OutgoingContent } from '@parley/protocol';

/** What the full-text indexes see of a message: its text or caption; null for none. */
export function searchTextOf(content: Content): string | null {
  if (content.type === 'text') return content.text;
  if (content.type === 'media') return content.caption ?? null;
  return null;
}

export function replyToOf(content: Content): string | null {
  return content.type === 'system' ? null : (content.replyTo ?? null);
}

/**
 * The frame content that sends (or re-sends) a stored message: attachments travel as the ids
 * the upload returned. System messages come from the server and are never sent.
 */
export function toOutgoing(content: Content): OutgoingContent {
  const extra = {
    ...(content.type !== 'system' && content.replyTo ? { replyTo: content.replyTo } : {}),
    ...(content.type !== 'system' && content.forwarded ? { forwarded: true } : {}),
  };
  switch (content.type) {
    case 'text':
      return { type: 'text', text: content.text, ...extra };
    case 'media':
      return {
        type: 'media',
        attachmentIds: content.attachments.map((attachment) => attachment.id),
        ...(content.caption ? { caption: content.caption } : {}),
        ...extra,
      };
    case 'voice':
      return { type: 'voice', attachmentId: content.attachment.id, ...extra };
    case 'system':
      throw new Error('System messages are written by the server, not sent');
  }
}

/**
 * The content after an edit. Only text messages can be edited: the server refuses other kinds
 * (a caption cannot be changed after sending), so this returns null for them.
 */
export function withText(content: Content, text: string): Content | null {
  return content.type === 'text' ? { ...content, text } : null;
}
