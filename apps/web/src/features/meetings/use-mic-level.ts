import { type RefObject, useEffect } from 'react';

/**
 * Drives a <meter> (0..1) with the loudness of a microphone track, without re-rendering React each
 * frame. The track is only listened to: it is not stopped here.
 */
export function useMicLevel(track: MediaStreamTrack | null, meter: RefObject<HTMLMeterElement | null>): void {
  useEffect(() => {
    const element = meter.current;
    if (!track || !element || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS (silence) .. 0 dBFS (full scale), the range a speaking voice moves in.
      const db = 20 * Math.log10(Math.max(rms, 1e-6));
      element.value = Math.min(1, Math.max(0, (db + 60) / 60));
      frame = requestAnimationFrame(draw);
    };
    draw();
    // Made before any click, the context may start suspended: the first click or key resumes it.
    const resume = () => void context.resume().catch(() => {});
    if (context.state === 'suspended') resume();
    document.addEventListener('pointerdown', resume, { once: true });
    document.addEventListener('keydown', resume, { once: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('pointerdown', resume);
      document.removeEventListener('keydown', resume);
      source.disconnect();
      void context.close().catch(() => {});
      element.value = 0;
    };
  }, [track, meter]);
}
