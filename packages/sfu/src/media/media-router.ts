import type { RtpCodecCapability } from '../types.ts';
import type { MediaAudioObserver } from './media-audio-observer.ts';
import type { MediaProducer } from './media-producer.ts';
import type { MediaTransport } from './media-transport.ts';

/** One meeting: its transports, every producer any of them publishes, and its audio observers. */
export class MediaRouter {
  readonly id: string;
  readonly codecs: RtpCodecCapability[];
  readonly transports = new Map<string, MediaTransport>();
  readonly producers = new Map<string, MediaProducer>();
  readonly audioObservers = new Map<string, MediaAudioObserver>();
  closed = false;

  constructor(id: string, codecs: RtpCodecCapability[]) {
    this.id = id;
    this.codecs = codecs;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const observer of [...this.audioObservers.values()]) observer.close();
    for (const transport of [...this.transports.values()]) transport.close();
  }
}
