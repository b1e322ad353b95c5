/**
 * Where the RNNoise files are served. In a Vite app:
 * `import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url'`, and likewise
 * `rnnoise.wasm?url` and `rnnoise_simd.wasm?url`; this SDK never imports files itself.
 */
export interface NoiseSuppressionAssets {
  workletUrl: string;
  wasmUrl: string;
  simdWasmUrl: string;
}

/** A microphone track run through a filter; close() releases the filter (not the microphone). */
export interface FilteredTrack {
  track: MediaStreamTrack;
  close(): void;
}

export interface NoiseSuppressor {
  /** False where the browser has no AudioWorklet (old browsers, insecure origins). */
  readonly supported: boolean;
  /** Runs a microphone track through the filter; the returned track is the one to publish. */
  apply(track: MediaStreamTrack): Promise<FilteredTrack>;
}

/**
 * RNNoise in an AudioWorklet. The library and its files load on first use, and one AudioContext
 * serves every microphone change after that.
 */
export function rnnoiseSuppressor(assets: NoiseSuppressionAssets): NoiseSuppressor {
  let loading: ReturnType<typeof load> | null = null;

  async function load() {
    // Imported when used: the library's classes extend AudioWorkletNode, which must exist then.
    const { loadRnnoise, RnnoiseWorkletNode } = await import('@sapphi-red/web-noise-suppressor');
    // RNNoise works on 48 kHz frames; the context resamples whatever the microphone gives.
    const context = new AudioContext({ sampleRate: 48_000 });
    const [wasmBinary] = await Promise.all([
      loadRnnoise({ url: assets.wasmUrl, simdUrl: assets.simdWasmUrl }),
      context.audioWorklet.addModule(assets.workletUrl),
    ]);
    return { context, wasmBinary, RnnoiseWorkletNode };
  }

  return {
    supported: typeof AudioContext !== 'undefined' && 'audioWorklet' in AudioContext.prototype,
    async apply(track) {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      const { context, wasmBinary, RnnoiseWorkletNode } = await loading;
      // Made outside a click, the context starts suspended; it resumes with the next user gesture.
      if (context.state === 'suspended') void context.resume().catch(() => {});
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const node = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
      const destination = context.createMediaStreamDestination();
      source.connect(node).connect(destination);
      const output = destination.stream.getAudioTracks()[0];
      if (!output) throw new TypeError('the noise suppressor produced no audio track');
      return {
        track: output,
        close() {
          source.disconnect();
          node.disconnect();
          node.destroy();
          output.stop();
        },
      };
    },
  };
}
