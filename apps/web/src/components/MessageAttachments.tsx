import type { Attachment } from '@parley/protocol';
import type { AttachmentSource } from './attachment-source.ts';
import { FileCard } from './FileCard.tsx';
import { ImageAttachment } from './ImageAttachment.tsx';
import { VideoAttachment } from './VideoAttachment.tsx';
import { VoicePlayer } from './VoicePlayer.tsx';

interface MessageAttachmentsProps {
  attachments: readonly Attachment[];
  source: AttachmentSource;
  onOpenImage(attachment: Attachment): void;
}

/** A media message's files: photos (in a grid when several), videos, audio and file cards. */
export function MessageAttachments({ attachments, source, onOpenImage }: MessageAttachmentsProps) {
  const images = attachments.filter((attachment) => attachment.kind === 'image');
  const others = attachments.filter((attachment) => attachment.kind !== 'image');
  return (
    <div className="message-attachments">
      {images.length > 0 && (
        <div className={images.length > 1 ? 'media-grid' : 'media-single'}>
          {images.map((attachment) => (
            <ImageAttachment
              key={attachment.id}
              attachment={attachment}
              source={source}
              tile={images.length > 1}
              onOpen={() => onOpenImage(attachment)}
            />
          ))}
        </div>
      )}
      {others.map((attachment) => {
        switch (attachment.kind) {
          case 'video':
            return <VideoAttachment key={attachment.id} attachment={attachment} source={source} />;
          case 'audio':
          case 'voice':
            return (
              <VoicePlayer
                key={attachment.id}
                attachment={attachment}
                source={source}
                label={attachment.name}
              />
            );
          default:
            return (
              <FileCard
                key={attachment.id}
                name={attachment.name}
                size={attachment.size}
                download={() => source.file(attachment)}
              />
            );
        }
      })}
    </div>
  );
}
