import type { Clock, TimerHandle } from '../clock.ts';

export type IcePeer = Pick<
  RTCPeerConnection,
  'iceConnectionState' | 'addEventListener' | 'removeEventListener'
>;

export interface IceWatchdogOptions {
  clock: Clock;
  /** `disconnected` often heals by itself within a few seconds; only longer counts as failed. */
  disconnectedMs: number;
  /** Restart ICE. Called again every `retryMs` while the connection stays down. */
  onFailed(): void;
  retryMs: number;
}

/**
 * Watches a peer connection's ICE state and asks for an ICE restart when it fails, or stays
 * disconnected for `disconnectedMs` (a network change, a NAT binding lost). Returns stop().
 */
export function watchIce(pc: IcePeer, options: IceWatchdogOptions): () => void {
  const { clock } = options;
  let timer: { handle: TimerHandle; kind: 'disconnected' | 'retry' } | null = null;

  const clear = () => {
    if (timer) clock.clearTimeout(timer.handle);
    timer = null;
  };
  const fire = () => {
    clear();
    options.onFailed();
    timer = {
      kind: 'retry',
      handle: clock.setTimeout(() => {
        timer = null;
        if (!isUp(pc.iceConnectionState)) fire();
      }, options.retryMs),
    };
  };
  const onChange = () => {
    const state = pc.iceConnectionState;
    if (isUp(state)) clear();
    // A restart is already on its way while the retry timer runs.
    else if (state === 'failed' && timer?.kind !== 'retry') fire();
    else if (state === 'disconnected' && !timer) {
      timer = { kind: 'disconnected', handle: clock.setTimeout(fire, options.disconnectedMs) };
    }
  };
  pc.addEventListener('iceconnectionstatechange', onChange);
  return () => {
    clear();
    pc.removeEventListener('iceconnectionstatechange', onChange);
  };
}

function isUp(state: RTCIceConnectionState): boolean {
  return state === 'connected' || state === 'completed';
}
