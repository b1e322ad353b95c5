import { rnnoiseSuppressor } from '@parley/client';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdWasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';

/**
 * RNNoise for every meeting this page joins. One for the app: it loads its files and its
 * AudioContext once, on first use, and a rejoin reuses them.
 */
export const noiseSuppressor = rnnoiseSuppressor({ workletUrl, wasmUrl, simdWasmUrl });

/**
 * Whether the page may start audio now (it has had a click or a key press). A meeting rejoined by
 * itself after a reload has not: an AudioContext made then stays suspended, and the filtered
 * microphone would send silence, so such a rejoin starts without noise suppression.
 */
export function mayStartAudio(): boolean {
  return globalThis.navigator?.userActivation?.hasBeenActive ?? true;
}
