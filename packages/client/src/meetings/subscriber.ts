import type { SubscribedTrack } from '@parley/protocol';
import type { RemoteTrackEntry } from './remote-tracks.ts';

/**
 * Applies a subscribe offer (the SFU offers, this browser answers) and maps the offer's tracks
 * by MID to the receivers' tracks. Returns the answer to send.
 */
export async function answerSubscribeOffer(
  pc: RTCPeerConnection,
  sdp: string,
  tracks: readonly SubscribedTrack[],
): Promise<{ sdp: string; tracks: RemoteTrackEntry[] }> {
  await pc.setRemoteDescription({ type: 'offer', sdp });
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  const transceivers = pc.getTransceivers();
  const entries = tracks.flatMap((entry) => {
    const transceiver = transceivers.find((t) => t.mid === entry.mid);
    if (!transceiver) return [];
    const { participantId, source, kind } = entry;
    return [{ participantId, source, kind, track: transceiver.receiver.track }];
  });
  return { sdp: answer.sdp ?? '', tracks: entries };
}
