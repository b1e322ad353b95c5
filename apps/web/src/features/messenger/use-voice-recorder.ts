import { useCallback, useEffect, useRef, useState } from 'react';

const types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];
const extensions: Record<string, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a' };
/** Shorter recordings are taps on the button, not messages. */
const minimumMs = 500;

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/** Why recording could not start, in plain words. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Parley may not use your microphone. Allow it in your browser’s site settings and try again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found.';
  if (name === 'NotReadableError') return 'Your microphone is in use by another app.';
  return 'Voice messages can’t be recorded in this browser.';
}

/**
 * Records a voice message with MediaRecorder (Opus in WebM where supported). `stop` resolves
 * with the recording as a File, or null when it was too short to be meant.
 */
export function useVoiceRecorder() {
  const recording = useRef<Recording | null>(null);
  const [elapsedMs, setElapsedMs] = useState<number | null>(null);
  const active = elapsedMs !== null;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      const current = recording.current;
      if (current) setElapsedMs(Date.now() - current.startedAt);
    }, 250);
    return () => clearInterval(timer);
  }, [active]);

  const release = useCallback(() => {
    const current = recording.current;
    recording.current = null;
    setElapsedMs(null);
    if (!current) return null;
    for (const track of current.stream.getTracks()) track.stop();
    return current;
  }, []);

  // Leaving the chat mid-recording drops the recording and frees the microphone.
  useEffect(
    () => () => {
      const current = release();
      if (current?.recorder.state === 'recording') current.recorder.stop();
    },
    [release],
  );

  const start = useCallback(async () => {
    if (recording.current) return;
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      throw new Error('Voice messages can’t be recorded in this browser.');
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const mimeType = types.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32_000 } : {});
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.start(1000);
    recording.current = { recorder, stream, chunks, startedAt: Date.now() };
    setElapsedMs(0);
  }, []);

  const stop = useCallback(async (): Promise<File | null> => {
    const current = recording.current;
    if (!current) return null;
    const length = Date.now() - current.startedAt;
    const stopped = new Promise<void>((resolve) => {
      current.recorder.onstop = () => resolve();
    });
    current.recorder.stop();
    await stopped;
    release();
    if (length < minimumMs) return null;
    const type =
      (current.recorder.mimeType || current.chunks[0]?.type || 'audio/webm').split(';')[0] ?? 'audio/webm';
    return new File(current.chunks, `Voice message.${extensions[type] ?? 'webm'}`, { type });
  }, [release]);

  const cancel = useCallback(() => {
    const current = release();
    if (current?.recorder.state === 'recording') current.recorder.stop();
  }, [release]);

  return { elapsedMs, start, stop, cancel };
}
