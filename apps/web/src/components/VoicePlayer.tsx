import type { Attachment } from '@parley/protocol';
import { type PointerEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { AttachmentSource } from './attachment-source.ts';
import { formatDuration } from './format-duration.ts';
import { PauseIcon, PlayIcon } from './icons.tsx';
import { useBlobUrl } from './use-blob-url.ts';
import { barHeights, fractionAt, playedBars, positionForKey } from './waveform.ts';
import './VoicePlayer.css';

interface VoicePlayerProps {
  attachment: Attachment;
  source: AttachmentSource;
  /** "Voice message", or an audio file's name. */
  label: string;
}

/**
 * Plays a voice message or audio file with its 64-bar waveform. The waveform is a slider:
 * click or drag to scrub, arrows step a second, Home/End jump. The length comes from the
 * server's measurement, since recorded WebM files do not state their own.
 */
export function VoicePlayer({ attachment, source, label }: VoicePlayerProps) {
  const file = useBlobUrl(`audio ${attachment.id}`, () => source.file(attachment));
  const audio = useRef<HTMLAudioElement>(null);
  const wave = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  const duration = attachment.durationMs ?? mediaDuration ?? 0;
  const bars = useMemo(() => barHeights(attachment.waveform), [attachment.waveform]);
  const played = playedBars(position, duration, bars.length);

  // timeupdate fires only about 4 times a second: follow the playhead per frame while playing.
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      if (audio.current) setPosition(audio.current.currentTime * 1000);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const seek = (ms: number) => {
    const clamped = Math.max(0, Math.min(duration, ms));
    setPosition(clamped);
    if (audio.current) audio.current.currentTime = clamped / 1000;
  };

  const seekToPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = wave.current?.getBoundingClientRect();
    if (box) seek(fractionAt(event.clientX, box) * duration);
  };

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) {
      element.play().catch(() => setPlaying(false));
    } else {
      element.pause();
    }
  };

  const ready = file.status === 'ready';
  const shownTime = playing || position > 0 ? formatDuration(position) : formatDuration(duration);
  return (
    <fieldset className="voice-player" aria-label={label}>
      {ready && (
        // biome-ignore lint/a11y/useMediaCaption: a voice message has no captions; its player is labelled
        <audio
          ref={audio}
          src={file.url}
          preload="auto"
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => {
            setPlaying(false);
            setPosition(0);
          }}
          onLoadedMetadata={(event) => {
            const seconds = event.currentTarget.duration;
            if (Number.isFinite(seconds)) setMediaDuration(seconds * 1000);
          }}
        />
      )}
      <button
        type="button"
        className="voice-play"
        aria-label={`${playing ? 'Pause' : 'Play'} ${label.toLowerCase()}`}
        onClick={toggle}
        disabled={!ready}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <div
        ref={wave}
        className="waveform"
        role="slider"
        tabIndex={0}
        aria-label={`${label} position`}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration / 1000)}
        aria-valuenow={Math.round(position / 1000)}
        aria-valuetext={`${formatDuration(position)} of ${formatDuration(duration)}`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          seekToPointer(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) seekToPointer(event);
        }}
        onKeyDown={(event) => {
          const next = positionForKey(event.key, position, duration);
          if (next === null) return;
          event.preventDefault();
          seek(next);
        }}
      >
        {bars.map((height, index) => (
          <span
            // The 64 bars are fixed positions.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className={index < played ? 'bar played' : 'bar'}
            style={{ height: `${Math.round(height * 100)}%` }}
          />
        ))}
      </div>
      <span className="voice-time">{file.status === 'failed' ? 'Unavailable' : shownTime}</span>
    </fieldset>
  );
}
