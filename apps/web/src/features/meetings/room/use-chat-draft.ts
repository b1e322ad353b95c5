import type { MeetingRoom } from '@parley/client';
import { useState } from 'react';
import { failureWords } from './meeting-words.ts';

/**
 * The message being written in the meeting chat, with its file and upload progress. Kept by the
 * meeting rather than the panel, so closing the chat loses neither a draft nor an upload.
 */
export function useChatDraft(room: MeetingRoom) {
  const [text, setText] = useState('');
  const [to, setTo] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  /** 0..1 while a file uploads; null otherwise. */
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const canSend = !sending && (text.trim() !== '' || file !== null);

  /** Sends to `recipient` (null: everyone); the text is cleared at once and comes back if it fails. */
  async function send(recipient: string | null): Promise<void> {
    if (!canSend) return;
    const sent = { text: text.trim(), file };
    setSending(true);
    setError(null);
    setText('');
    setFile(null);
    if (sent.file) setProgress(0);
    try {
      await room.sendChat({
        text: sent.text,
        to: recipient ?? undefined,
        file: sent.file ?? undefined,
        onProgress: (fraction) => setProgress(fraction),
      });
    } catch (failure) {
      setError(failureWords('server', failure));
      setText((current) => (current === '' ? sent.text : current));
      setFile((current) => current ?? sent.file);
    } finally {
      setSending(false);
      setProgress(null);
    }
  }

  return { text, setText, to, setTo, file, setFile, sending, progress, error, canSend, send };
}

export type ChatDraft = ReturnType<typeof useChatDraft>;
