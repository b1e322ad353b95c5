import { describe, expect, it } from 'vitest';
import { chatTranscript, formatOffset } from './transcript.ts';

const start = Date.UTC(2024, 4, 1, 10, 0, 0);
const s = (seconds: number) => start + seconds * 1000;
// Recorded 0-60 s, paused 60-120 s, recorded 120-180 s: 2 minutes of recording.
const intervals = [
  { from: s(0), to: s(60) },
  { from: s(120), to: s(180) },
];

describe('chatTranscript', () => {
  it('gives each message its wall-clock time and its offset into the recording', () => {
    const { json, text } = chatTranscript(
      [
        { sentAt: s(5), senderName: 'Ada', text: 'hello' },
        { sentAt: s(130), senderName: 'Bo', text: 'after the pause', fileName: 'notes.pdf' },
      ],
      intervals,
    );
    expect(json).toEqual([
      { at: '2024-05-01T10:00:05.000Z', offsetMs: 5000, from: 'Ada', text: 'hello', fileName: null },
      {
        at: '2024-05-01T10:02:10.000Z',
        offsetMs: 70_000,
        from: 'Bo',
        text: 'after the pause',
        fileName: 'notes.pdf',
      },
    ]);
    expect(text).toBe(
      '00:00:05 2024-05-01T10:00:05.000Z Ada: hello\n' +
        '00:01:10 2024-05-01T10:02:10.000Z Bo: after the pause [file: notes.pdf]\n',
    );
  });

  it('places a message sent during a pause at the pause point', () => {
    const { json } = chatTranscript([{ sentAt: s(90), senderName: 'Ada', text: 'paused?' }], intervals);
    expect(json[0]?.offsetMs).toBe(60_000);
  });

  it('clamps messages before the start and after the end', () => {
    const { json } = chatTranscript(
      [
        { sentAt: s(-10), senderName: 'Ada', text: 'early' },
        { sentAt: s(500), senderName: 'Ada', text: 'late' },
      ],
      intervals,
    );
    expect(json.map((e) => e.offsetMs)).toEqual([0, 120_000]);
  });

  it('leaves out private messages', () => {
    const { json, text } = chatTranscript(
      [
        { sentAt: s(1), senderName: 'Ada', text: 'to all', toName: null },
        { sentAt: s(2), senderName: 'Ada', text: 'just for you', toName: 'Bo' },
      ],
      intervals,
    );
    expect(json.map((e) => e.text)).toEqual(['to all']);
    expect(text).not.toContain('just for you');
  });

  it('orders by time and keeps the given order within one millisecond', () => {
    const { json } = chatTranscript(
      [
        { sentAt: s(3), senderName: 'Ada', text: 'third' },
        { sentAt: s(1), senderName: 'Ada', text: 'first' },
        { sentAt: s(1), senderName: 'Bo', text: 'second' },
      ],
      intervals,
    );
    expect(json.map((e) => e.text)).toEqual(['first', 'second', 'third']);
  });

  it('indents the continuation lines of a multi-line message', () => {
    const { text } = chatTranscript([{ sentAt: s(1), senderName: 'Ada', text: 'a\nb' }], intervals);
    expect(text).toBe('00:00:01 2024-05-01T10:00:01.000Z Ada: a\n    b\n');
  });
});

describe('formatOffset', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatOffset(0)).toBe('00:00:00');
    expect(formatOffset(3_723_999)).toBe('01:02:03');
    expect(formatOffset(100 * 3_600_000)).toBe('100:00:00');
  });
});
