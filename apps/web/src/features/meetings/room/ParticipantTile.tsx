import type { NetworkQuality, Participant } from '@parley/protocol';
import type { CSSProperties } from 'react';
import { Avatar } from '../../../components/Avatar.tsx';
import { MicOffIcon } from './meeting-icons.tsx';
import { QualityIndicator } from './QualityIndicator.tsx';
import { StreamVideo } from './StreamVideo.tsx';
import type { ShownReaction } from './use-reactions.ts';

export interface ParticipantTileProps {
  participant: Participant;
  isMe: boolean;
  /** My camera, or the camera forwarded to me; null when there is none (yet). */
  stream: MediaStream | null;
  videoOn: boolean;
  micOn: boolean;
  speaking: boolean;
  reaction: ShownReaction | null;
  quality: NetworkQuality | null;
  variant: 'gallery' | 'main' | 'strip';
  /** Set by the gallery, which sizes tiles itself; the other layouts size them in CSS. */
  style?: CSSProperties;
  /** For the last-N view: reports this tile's size while it is on screen. */
  measureRef?: (element: HTMLElement | null) => void;
}

/**
 * One person's camera: the video when it is on, else their initials; their name, a muted
 * microphone, a raised hand, a floating reaction, and an outline while they speak.
 */
export function ParticipantTile(props: ParticipantTileProps) {
  const { participant, isMe, stream, videoOn, micOn, reaction, quality } = props;
  const name = participant.displayName;
  const showVideo = stream !== null && videoOn;
  const classes = ['tile', `tile-${props.variant}`];
  if (props.speaking) classes.push('tile-speaking');
  return (
    <figure
      ref={props.measureRef}
      className={classes.join(' ')}
      style={props.style}
      aria-label={isMe ? `${name} (you)` : name}
    >
      <div className="tile-avatar">
        <Avatar name={name} url={null} size="large" alt="" />
      </div>
      {stream !== null && (
        // Kept while the video is off, so it resumes without a new element; hidden meanwhile so
        // the last frame does not freeze on screen.
        <StreamVideo
          stream={stream}
          source="camera"
          participantId={isMe ? null : participant.id}
          className={[
            'tile-video',
            isMe ? 'mirrored' : '',
            props.variant === 'main' ? 'contain' : '',
            showVideo ? '' : 'off',
          ].join(' ')}
        />
      )}
      <figcaption className="tile-caption">
        {!micOn && <MicOffIcon label={`${name} is muted`} />}
        <span className="tile-name">{isMe ? `${name} (you)` : name}</span>
      </figcaption>
      <div className="tile-badges">
        {participant.handRaisedAt !== null && (
          <span className="tile-hand" role="img" aria-label="Hand raised">
            ✋
          </span>
        )}
        {quality !== null && quality !== 'good' && <QualityIndicator quality={quality} compact />}
      </div>
      {reaction !== null && (
        <span
          key={reaction.key}
          className="tile-reaction"
          role="img"
          aria-label={`${name} reacted ${reaction.emoji}`}
        >
          {reaction.emoji}
        </span>
      )}
      {participant.connection === 'reconnecting' && (
        <div className="tile-overlay">
          <span>Reconnecting…</span>
        </div>
      )}
    </figure>
  );
}
