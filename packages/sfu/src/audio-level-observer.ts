import type { Producer } from './producer.ts';
import { RtpObserver } from './rtp-observer.ts';
import type { AppData } from './types.ts';

export interface AudioLevelObserverOptions<TAppData extends AppData = AppData> {
  /** How many of the loudest producers `volumes` lists. Default 1. */
  maxEntries?: number;
  /** dBov (-127..0) below which a producer counts as silent. Default -80. */
  threshold?: number;
  /** Milliseconds between evaluations. Default 1000. */
  interval?: number;
  appData?: TAppData;
}

export interface AudioLevelObserverVolume {
  producer: Producer;
  /** Average dBov over the interval (-127..0). */
  volume: number;
}

export type AudioLevelObserverEvents = {
  /** The loudest producers above the threshold, loudest first. */
  volumes: [AudioLevelObserverVolume[]];
  /** Nobody is above the threshold any more (emitted once per silence). */
  silence: [];
};

/** Reports the audio levels (RFC 6464 header extension) of the producers added to it. */
export class AudioLevelObserver<TAppData extends AppData = AppData> extends RtpObserver<
  AudioLevelObserverEvents,
  TAppData
> {
  protected onNotification(event: string, data: unknown): void {
    if (event === 'audioObserver.volumes') {
      const volumes = (data as { volumes: Array<{ producerId: string; volume: number }> }).volumes
        .map(({ producerId, volume }) => ({ producer: this.internal.getProducer(producerId), volume }))
        .filter((entry): entry is AudioLevelObserverVolume => entry.producer !== undefined);
      if (volumes.length > 0) this.safeEmit('volumes', volumes);
    } else if (event === 'audioObserver.silence') {
      this.safeEmit('silence');
    }
  }
}
