import type { Producer } from './producer.ts';
import { RtpObserver } from './rtp-observer.ts';
import type { AppData } from './types.ts';

export interface ActiveSpeakerObserverOptions<TAppData extends AppData = AppData> {
  /** Milliseconds between evaluations. Default 300. */
  interval?: number;
  /** dBov (-127..0) taken as the speech floor. Default -70. */
  threshold?: number;
  appData?: TAppData;
}

export type ActiveSpeakerObserverEvents = {
  /** Someone else became the dominant speaker (loudest for two intervals in a row, clearly louder). */
  dominantspeaker: [{ producer: Producer }];
};

/** Follows who is speaking, from the audio-level header extension of the producers added to it. */
export class ActiveSpeakerObserver<TAppData extends AppData = AppData> extends RtpObserver<
  ActiveSpeakerObserverEvents,
  TAppData
> {
  protected onNotification(event: string, data: unknown): void {
    if (event !== 'audioObserver.dominantspeaker') return;
    const producer = this.internal.getProducer((data as { producerId: string }).producerId);
    if (producer) this.safeEmit('dominantspeaker', { producer });
  }
}
