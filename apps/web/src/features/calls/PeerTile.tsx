import { Avatar } from '../../components/Avatar.tsx';
import { MicOffIcon } from '../../components/icons.tsx';
import type { CallPeer } from './calls-api.ts';
import { MediaVideo } from './MediaVideo.tsx';

/** One other person in the call: their video, or their picture when it is off. */
export function PeerTile({
  peer,
  avatarUrl,
  speakerId,
}: {
  peer: CallPeer;
  avatarUrl: string | null;
  speakerId: string;
}) {
  const showVideo = peer.videoOn || peer.screenOn;
  return (
    <figure className="call-tile">
      <MediaVideo
        stream={peer.stream}
        speakerId={speakerId}
        label={peer.screenOn ? `${peer.displayName}’s screen` : `${peer.displayName}’s video`}
        hidden={!showVideo}
      />
      {!showVideo && <Avatar name={peer.displayName} url={avatarUrl} size="large" alt="" />}
      <figcaption>
        {!peer.audioOn && (
          <span role="img" aria-label="Muted">
            <MicOffIcon />
          </span>
        )}
        {peer.displayName}
      </figcaption>
    </figure>
  );
}
