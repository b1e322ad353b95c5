import type { MessagePreview } from '@parley/client';
import type { Attachment, Content } from '@parley/protocol';
import { type People, personName } from './people.ts';
import { systemNoticeText } from './system-notice.ts';

const kindIcon: Record<Attachment['kind'], string> = {
  image: '📷',
  video: '🎥',
  audio: '🎵',
  voice: '🎤',
  file: '📄',
};

const plural: Partial<Record<Attachment['kind'], string>> = { image: 'photos', video: 'videos' };

/** One line for what a message holds: its text, "📷 Photo", "🎤 Voice message", "📄 report.pdf". */
export function contentSummary(content: Content, people: People, senderId: string): string {
  switch (content.type) {
    case 'text':
      return firstLine(content.text);
    case 'voice':
      return '🎤 Voice message';
    case 'system':
      return systemNoticeText(content.system, senderId, people);
    case 'media':
      return mediaSummary(content.attachments, content.caption);
  }
}

function mediaSummary(attachments: Attachment[], caption: string | undefined): string {
  const kinds = new Set(attachments.map((attachment) => attachment.kind));
  const [first] = attachments;
  const icon = kinds.size === 1 && first ? kindIcon[first.kind] : '📎';
  if (caption) return `${icon} ${firstLine(caption)}`;
  if (!first) return '📎 Attachment';
  if (attachments.length > 1) {
    const noun = kinds.size === 1 ? (plural[first.kind] ?? 'files') : 'files';
    return `${icon} ${attachments.length} ${noun}`;
  }
  if (first.kind === 'image') return '📷 Photo';
  if (first.kind === 'video') return '🎥 Video';
  return `${icon} ${first.name}`;
}

/**
 * The chat list's last-message line: "You: See you", "Ann: 📷 Photo" in groups,
 * "This message was deleted", "Ann added Cal".
 */
export function previewText(preview: MessagePreview | null, isGroup: boolean, people: People): string {
  if (preview === null) return '';
  if (preview.deleted || preview.content === null) return 'This message was deleted';
  const summary = contentSummary(preview.content, people, preview.senderId);
  if (preview.content.type === 'system') return summary;
  if (preview.own) return `You: ${summary}`;
  if (!isGroup) return summary;
  const sender = people.get(preview.senderId);
  return `${sender ? firstName(personName(sender)) : 'Someone'}: ${summary}`;
}

function firstName(name: string): string {
  return name.startsWith('+') ? name : (name.split(/\s+/)[0] ?? name);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
