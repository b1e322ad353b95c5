import type { MessagePreview } from '@parley/client';
import type { Attachment, Content } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { previewText } from './message-preview.ts';
import { peopleFrom } from './people.ts';

const people = peopleFrom('ME', [
  { id: 'ME', phone: '+1555', displayName: 'Me Myself', about: '', avatar: null },
  { id: 'ANN', phone: '+1556', displayName: 'Ann Lee', about: '', avatar: null },
  { id: 'CAL', phone: '+1557', displayName: null, about: '', avatar: null },
]);

function preview(
  content: Content | null,
  options: { own?: boolean; senderId?: string } = {},
): MessagePreview {
  return {
    id: 'M',
    senderId: options.senderId ?? (options.own ? 'ME' : 'ANN'),
    sentAt: '2030-01-01T00:00:00.000Z',
    content,
    deleted: content === null,
    own: options.own ?? false,
    state: options.own ? 'sent' : null,
  };
}

function file(kind: Attachment['kind'], name = 'x'): Attachment {
  return {
    id: 'A',
    kind,
    name,
    contentType: '',
    size: 1,
    width: null,
    height: null,
    durationMs: null,
    waveform: null,
    url: '',
    thumbnailUrl: null,
  };
}

describe('previewText', () => {
  it('prefixes own messages with "You:" and group senders with their first name', () => {
    expect(previewText(preview({ type: 'text', text: 'See you\nlater' }, { own: true }), false, people)).toBe(
      'You: See you',
    );
    expect(previewText(preview({ type: 'text', text: 'Hi' }), false, people)).toBe('Hi');
    expect(previewText(preview({ type: 'text', text: 'Hi' }), true, people)).toBe('Ann: Hi');
    expect(previewText(preview({ type: 'text', text: 'Hi' }, { senderId: 'CAL' }), true, people)).toBe(
      '+1557: Hi',
    );
  });

  it('names attachments', () => {
    const media = (attachments: Attachment[], caption?: string): Content => ({
      type: 'media',
      attachments,
      ...(caption ? { caption } : {}),
    });
    expect(previewText(preview(media([file('image')])), false, people)).toBe('📷 Photo');
    expect(previewText(preview(media([file('image'), file('image')])), false, people)).toBe('📷 2 photos');
    expect(previewText(preview(media([file('image')], 'Beach')), false, people)).toBe('📷 Beach');
    expect(previewText(preview(media([file('video')])), false, people)).toBe('🎥 Video');
    expect(previewText(preview(media([file('file', 'plan.pdf')])), false, people)).toBe('📄 plan.pdf');
    expect(previewText(preview(media([file('file'), file('image')])), false, people)).toBe('📎 2 files');
    expect(
      previewText(preview({ type: 'voice', attachment: file('voice') }, { own: true }), false, people),
    ).toBe('You: 🎤 Voice message');
  });

  it('words deleted messages and group changes', () => {
    expect(previewText(preview(null), false, people)).toBe('This message was deleted');
    const added: Content = { type: 'system', system: { action: 'members-added', userIds: ['CAL', 'ME'] } };
    expect(previewText(preview(added), true, people)).toBe('Ann Lee added +1557 and you');
    expect(previewText(null, false, people)).toBe('');
  });
});
