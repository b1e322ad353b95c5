/** Joins werift test peers to a router the way the meetings code will: publish first, then subscribe. */
import type { Consumer } from '../consumer.ts';
import type { Producer } from '../producer.ts';
import type { Router } from '../router.ts';
import type { VideoSize } from '../types.ts';
import type { WebRtcTransport } from '../webrtc-transport.ts';
import type { TestMedia } from './real-media.ts';
import { TestPublisher, TestSubscriber } from './test-peers.ts';

export const loopback = [{ ip: '127.0.0.1' }];

export interface PublishSession {
  transport: WebRtcTransport;
  publisher: TestPublisher;
  audio?: Producer;
  video?: Producer;
}

/**
 * A publisher with audio and/or video (simulcast when `rids` are given), connected and producing. With
 * `transportCc`, its video carries transport-wide sequence numbers, as a browser's does; with `media`,
 * it sends that file's real VP8 and Opus.
 */
export async function publish(
  router: Router,
  stunUrl: string,
  options: {
    audio?: boolean;
    video?: boolean;
    rids?: string[];
    retransmit?: boolean;
    transportCc?: boolean;
    media?: TestMedia;
  } = {
    audio: true,
    video: true,
  },
): Promise<PublishSession> {
  const transport = await router.createWebRtcTransport({ role: 'publish', listenIps: loopback });
  const publisher = new TestPublisher(stunUrl, {
    retransmit: options.retransmit,
    transportCc: options.transportCc,
    media: options.media,
  });
  if (options.audio) publisher.addAudio();
  if (options.video || options.rids) publisher.addVideo(options.rids ?? []);
  const answer = await transport.handleOffer(await publisher.offer());
  await publisher.applyAnswer(answer.sdp);
  const session: PublishSession = { transport, publisher };
  if (options.audio) session.audio = await transport.produce({ mid: publisher.audioMid, kind: 'audio' });
  if (options.video || options.rids)
    session.video = await transport.produce({ mid: publisher.videoMid, kind: 'video' });
  return session;
}

export interface SubscribeSession {
  transport: WebRtcTransport;
  subscriber: TestSubscriber;
  consumers: Consumer[];
}

/** A subscriber consuming `producers`, negotiated and connected. */
export async function subscribe(
  router: Router,
  stunUrl: string,
  producers: Producer[],
  options: { tileSize?: VideoSize; spatialLayer?: number } = {},
): Promise<SubscribeSession> {
  const transport = await router.createWebRtcTransport({ role: 'subscribe', listenIps: loopback });
  const subscriber = new TestSubscriber(stunUrl);
  const consumers: Consumer[] = [];
  for (const producer of producers) {
    consumers.push(
      await transport.consume({
        producerId: producer.id,
        tileSize: options.tileSize,
        preferredLayers:
          options.spatialLayer === undefined ? undefined : { spatialLayer: options.spatialLayer },
      }),
    );
  }
  await negotiate(transport, subscriber);
  await subscriber.connected();
  return { transport, subscriber, consumers };
}

/** One offer/answer round on a subscribe transport. */
export async function negotiate(transport: WebRtcTransport, subscriber: TestSubscriber): Promise<void> {
  const offer = await transport.createOffer();
  await transport.handleAnswer(await subscriber.answer(offer.sdp));
}

export function ssrcOf(subscriber: TestSubscriber, consumer: Consumer): number {
  if (!consumer.mid) throw new Error('consumer has no mid yet');
  return subscriber.ssrcOfMid(consumer.mid);
}
