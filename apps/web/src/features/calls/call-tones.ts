/**
 * The sounds of a ringing call, made with Web Audio (no files to load): the ring of an incoming
 * call, the ringback a caller hears until someone answers, and the beeps of a call waiting.
 */
export type CallTone = 'ring' | 'ringback' | 'waiting';

interface ToneShape {
  /** Played together, each at the same level. */
  frequencies: number[];
  /** Sound on, in milliseconds from the start of each period. */
  bursts: { fromMs: number; toMs: number }[];
  periodMs: number;
}

export const callTones: Record<CallTone, ToneShape> = {
  // Two short bursts and a pause, like a phone ringing in the room.
  ring: {
    frequencies: [523.25, 659.25],
    bursts: [
      { fromMs: 0, toMs: 400 },
      { fromMs: 600, toMs: 1000 },
    ],
    periodMs: 3000,
  },
  // The North American ringback: 440 + 480 Hz, two seconds on, four off.
  ringback: { frequencies: [440, 480], bursts: [{ fromMs: 0, toMs: 2000 }], periodMs: 6000 },
  // Call waiting, under the call's own sound: two soft beeps every few seconds.
  waiting: {
    frequencies: [440],
    bursts: [
      { fromMs: 0, toMs: 200 },
      { fromMs: 400, toMs: 600 },
    ],
    periodMs: 5000,
  },
};

/** The bursts of `periods` periods from `startMs`, as [start, end] times in milliseconds. */
export function toneBursts(tone: ToneShape, startMs: number, periods: number): [number, number][] {
  const bursts: [number, number][] = [];
  for (let period = 0; period < periods; period += 1) {
    const base = startMs + period * tone.periodMs;
    for (const burst of tone.bursts) bursts.push([base + burst.fromMs, base + burst.toMs]);
  }
  return bursts;
}

/** Periods scheduled ahead at a time; the next batch is added before they run out. */
const batchPeriods = 10;
const level = 0.08;
/** A few milliseconds of fade, so that bursts do not click. */
const rampSeconds = 0.01;

/**
 * Plays the tone until stop() is called. Silent where the browser refuses to play sound before
 * the person has used the page (autoplay rules); the call screen still shows.
 */
export function playCallTone(tone: CallTone): () => void {
  if (typeof AudioContext === 'undefined') return () => {};
  const shape = callTones[tone];
  const context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  const oscillators = shape.frequencies.map((frequency) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start();
    return oscillator;
  });
  let nextStartMs = context.currentTime * 1000 + 50;
  const schedule = () => {
    for (const [from, to] of toneBursts(shape, nextStartMs, batchPeriods)) {
      gain.gain.setTargetAtTime(level / shape.frequencies.length, from / 1000, rampSeconds);
      gain.gain.setTargetAtTime(0, to / 1000, rampSeconds);
    }
    nextStartMs += batchPeriods * shape.periodMs;
  };
  schedule();
  const timer = setInterval(schedule, (batchPeriods - 1) * shape.periodMs);
  void context.resume().catch(() => {});
  return () => {
    clearInterval(timer);
    for (const oscillator of oscillators) oscillator.stop();
    void context.close().catch(() => {});
  };
}
