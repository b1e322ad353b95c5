import type { Attachment } from '@parley/protocol';
import { useState } from 'react';
import type { AttachmentSource } from './attachment-source.ts';
import { formatFileSize } from './file-size.ts';
import { formatDuration } from './format-duration.ts';
import { PlayIcon } from './icons.tsx';
import { useBlobUrl } from './use-blob-url.ts';

/** A video: its poster with the length; Play loads this device's copy into a player. */
export function VideoAttachment({
  attachment,
  source,
}: {
  attachment: Attachment;
  source: AttachmentSource;
}) {
  const [playing, setPlaying] = useState(false);
  const poster = useBlobUrl(
    `poster ${attachment.id}`,
    attachment.thumbnailUrl ? () => source.preview(attachment) : null,
  );
  const video = useBlobUrl(`video ${attachment.id}`, playing ? () => source.file(attachment) : null);
  const ratio =
    attachment.width && attachment.height ? `${attachment.width} / ${attachment.height}` : '16 / 9';
  const posterUrl = poster.status === 'ready' ? poster.url : undefined;
  if (playing && video.status === 'ready') {
    return (
      // Recorded videos carry no captions to offer.
      // biome-ignore lint/a11y/useMediaCaption: see above
      <video
        className="media-video"
        style={{ aspectRatio: ratio }}
        src={video.url}
        poster={posterUrl}
        controls
        autoPlay
      />
    );
  }
  return (
    <figure className="media-thumb" style={{ aspectRatio: ratio }}>
      {posterUrl && <img src={posterUrl} alt="Video" />}
      <button
        type="button"
        className="media-play"
        aria-label={`Play video (${formatDuration(attachment.durationMs ?? 0)}, ${formatFileSize(attachment.size)})`}
        onClick={() => setPlaying(true)}
        disabled={playing && video.status === 'loading'}
      >
        <PlayIcon />
      </button>
      <span className="media-badge">
        {playing && video.status === 'loading'
          ? 'Loading…'
          : playing && video.status === 'failed'
            ? 'Video no longer available'
            : formatDuration(attachment.durationMs ?? 0)}
      </span>
    </figure>
  );
}
