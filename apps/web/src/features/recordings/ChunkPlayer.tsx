import type { RecordingPlayback } from '@parley/protocol';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { formatDuration } from '../../components/format-duration.ts';
import { type ChunkPlan, type ChunkTrack, planChunkPlayback } from './chunk-tracks.ts';
import { MseTrack } from './mse-track.ts';
import { audioCorrection, bufferedRanges, nextPlayable } from './playback-sync.ts';
import { isSettling } from './recording-words.ts';

interface ChunkPlayerProps {
  playback: RecordingPlayback;
  /** The element whose clock the page seeks (transcript entries). */
  videoRef: RefObject<HTMLVideoElement | null>;
  /** The position as it plays, in seconds (the MP4 starts there once it is ready). */
  onTime?(seconds: number): void;
}

/**
 * Plays a recording that has no MP4 (yet): the main video (a screen share, else the camera on
 * longest) on a <video> with controls, every audio track on a hidden <audio> that follows the
 * video's clock. Holes (a camera off, the recorder down) are skipped.
 */
export function ChunkPlayer({ playback, videoRef, onTime }: ChunkPlayerProps) {
  // The main track being played, kept as the chunk list grows (see planChunkPlayback).
  const mainKey = useRef<string | null>(null);
  // Where the player was when a new main video replaced it, so the new one goes on from there.
  const handover = useRef<Handover>({ time: 0, playing: false });
  const plan = useMemo(() => planChunkPlayback(playback.chunks, mainKey.current), [playback.chunks]);
  const main = plan.video ?? plan.audio[0] ?? null;
  mainKey.current = main?.key ?? null;
  if (main === null) {
    return (
      <p className="recording-player-empty" role="status">
        {isSettling(playback.recording)
          ? 'Nothing has been recorded yet. The first part appears here in a few seconds.'
          : 'Nothing was recorded: nobody had their camera, microphone or screen on.'}
      </p>
    );
  }
  // A new main video (a screen share came in) starts a new player.
  return (
    <TrackPlayer
      key={main.key}
      plan={plan}
      main={main}
      playback={playback}
      videoRef={videoRef}
      onTime={onTime}
      handover={handover}
    />
  );
}

interface Handover {
  time: number;
  playing: boolean;
}

function TrackPlayer({
  plan,
  main,
  playback,
  videoRef,
  onTime,
  handover,
}: {
  plan: ChunkPlan;
  main: ChunkTrack;
  playback: RecordingPlayback;
  videoRef: RefObject<HTMLVideoElement | null>;
  onTime?(seconds: number): void;
  handover: RefObject<Handover>;
}) {
  const onTimeRef = useRef(onTime);
  onTimeRef.current = onTime;
  const audioElements = useRef(new Map<string, HTMLAudioElement>());
  const tracks = useRef(new Map<string, MseTrack>());
  const [failed, setFailed] = useState(false);
  const [skipped, setSkipped] = useState<{ from: number; to: number } | null>(null);
  const followers = useMemo(() => plan.audio.filter((track) => track !== main), [plan, main]);
  // Chunks keep coming only while recording.
  const { state } = playback.recording;
  const complete = state !== 'recording' && state !== 'paused';

  // Feed every track the chunks it has not got yet; the list grows while recording.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const onError = () => setFailed(true);
    const all = [main, ...followers];
    for (const track of all) {
      let player = tracks.current.get(track.key);
      if (!player) {
        const element = track === main ? video : audioElements.current.get(track.key);
        if (!element) continue;
        player = new MseTrack(element, track.mimeType, onError);
        tracks.current.set(track.key, player);
      }
      player.feed(track.chunks, plan.durationMs, complete);
    }
  }, [plan, main, followers, complete, videoRef]);

  useEffect(() => {
    const players = tracks.current;
    const video = videoRef.current;
    if (video) {
      const { time, playing } = handover.current;
      if (time > 0) video.currentTime = time;
      if (playing) video.play().catch(() => undefined);
    }
    return () => {
      if (video) handover.current = { time: video.currentTime, playing: !video.paused };
      for (const player of players.values()) player.close();
      players.clear();
    };
  }, [videoRef, handover]);

  // The audio tracks follow the video: play, pause, seek, speed, and drift.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const sync = () => {
      for (const audio of audioElements.current.values()) {
        audio.playbackRate = video.playbackRate;
        if (video.paused || video.seeking) {
          if (!audio.paused) audio.pause();
          continue;
        }
        const target = audioCorrection(video.currentTime, audio.currentTime);
        if (target !== null) audio.currentTime = target;
        if (audio.paused) audio.play().catch(() => undefined);
      }
    };
    const skipHoles = () => {
      // A seek into a hole never completes (`seeking` stays true), playing or not: jump on. A
      // playing element only when it has stalled (no data ahead).
      const stalled = !video.paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA;
      if (!video.seeking && !stalled) return;
      const to = nextPlayable(video.currentTime, bufferedRanges(video.buffered));
      if (to === null) return;
      setSkipped({ from: video.currentTime, to });
      video.currentTime = to;
    };
    const onTimeUpdate = () => {
      skipHoles();
      sync();
      onTimeRef.current?.(video.currentTime);
    };
    const events = ['play', 'pause', 'seeked', 'ratechange'] as const;
    for (const name of events) video.addEventListener(name, sync);
    video.addEventListener('timeupdate', onTimeUpdate);
    video.addEventListener('waiting', skipHoles);
    // A stall at a hole fires `waiting` once, maybe before the chunks after it are in: look again.
    const stalls = setInterval(skipHoles, 500);
    return () => {
      clearInterval(stalls);
      for (const name of events) video.removeEventListener(name, sync);
      video.removeEventListener('timeupdate', onTimeUpdate);
      video.removeEventListener('waiting', skipHoles);
    };
  }, [videoRef]);

  useEffect(() => {
    if (skipped === null) return;
    const timer = setTimeout(() => setSkipped(null), 4_000);
    return () => clearTimeout(timer);
  }, [skipped]);

  const interrupted =
    skipped !== null &&
    playback.gaps.some((gap) => gap.fromMs < skipped.to * 1000 && gap.toMs > skipped.from * 1000);
  return (
    <div className="recording-player">
      {/* biome-ignore lint/a11y/useMediaCaption: the chat transcript is beside it; there are no captions */}
      <video
        ref={videoRef}
        controls
        playsInline
        preload="auto"
        aria-label={`Recording: ${main.displayName}${main.source === 'screen' ? '’s screen' : ''}`}
        data-player="chunks"
      />
      {followers.map((track) => (
        // biome-ignore lint/a11y/useMediaCaption: hidden audio that follows the video
        <audio
          key={track.key}
          hidden
          preload="auto"
          ref={(element) => {
            if (element) audioElements.current.set(track.key, element);
            else audioElements.current.delete(track.key);
          }}
        />
      ))}
      {skipped !== null && (
        <p className="recording-player-note" role="status">
          {interrupted ? 'Recording interrupted' : 'Nothing recorded here'}: skipped to{' '}
          {formatDuration(skipped.to * 1000)}
        </p>
      )}
      {failed && (
        <p className="error" role="alert">
          Part of this recording could not be played in this browser.
        </p>
      )}
    </div>
  );
}
