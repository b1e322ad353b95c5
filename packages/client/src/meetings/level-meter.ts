import { rmsToDbfs } from './speech-detector.ts';

/** How loud a microphone is right now. */
export interface LevelMeter {
  /** dBFS over the last few tens of milliseconds; -Infinity for silence. */
  level(): number;
  /** Releases what the meter holds (never the measured track itself). */
  close(): void;
}

/**
 * A WebAudio analyser on a clone of `track`; null where there is no AudioContext (tests, old
 * browsers). The clone is what makes a muted microphone measurable: muting disables the track,
 * and a disabled track is silence, but a clone's `enabled` is its own. The clone feeds only the
 * analyser and is stopped by close(); the microphone stays open.
 */
export function webAudioLevelMeter(track: MediaStreamTrack): LevelMeter | null {
  if (typeof AudioContext === 'undefined') return null;
  const clone = track.clone();
  clone.enabled = true;
  let context: AudioContext | null = null;
  try {
    context = new AudioContext();
    // Made outside a click, a context may start suspended; the person joined with a click, so
    // the page may resume it.
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const source = context.createMediaStreamSource(new MediaStream([clone]));
    const analyser = context.createAnalyser();
    // About 43 ms at 48 kHz: a syllable, not a click.
    analyser.fftSize = 2048;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const opened = context;
    return {
      level() {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const sample of samples) sum += sample * sample;
        return rmsToDbfs(Math.sqrt(sum / samples.length));
      },
      close() {
        source.disconnect();
        clone.stop();
        void opened.close().catch(() => {});
      },
    };
  } catch (error) {
    clone.stop();
    void context?.close().catch(() => {});
    throw error;
  }
}
