/** Plays a short two-note chime on the given speaker ('' for the default), so the person can hear it works. */
export async function playTestSound(sinkId: string): Promise<void> {
  const context = new AudioContext();
  try {
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.connect(destination);
    const start = context.currentTime;
    for (const [index, frequency] of [660, 880].entries()) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(start + index * 0.25);
      tone.stop(start + index * 0.25 + 0.22);
    }
    gain.gain.setValueAtTime(0.2, start);
    const audio = new Audio();
    audio.srcObject = destination.stream;
    if (sinkId !== '') await audio.setSinkId(sinkId);
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, 600));
    audio.pause();
  } finally {
    await context.close();
  }
}
