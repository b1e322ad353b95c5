import type { Attachment } from '@parley/protocol';
import type { AttachmentSource } from './attachment-source.ts';
import { useBlobUrl } from './use-blob-url.ts';

interface ImageAttachmentProps {
  attachment: Attachment;
  source: AttachmentSource;
  onOpen(): void;
  /** Several photos in a grid are cropped square. */
  tile: boolean;
}

/** A photo's thumbnail (its own size reserved, so the list does not jump) that opens the viewer. */
export function ImageAttachment({ attachment, source, onOpen, tile }: ImageAttachmentProps) {
  const preview = useBlobUrl(`preview ${attachment.id}`, () => source.preview(attachment));
  const ratio =
    !tile && attachment.width && attachment.height ? `${attachment.width} / ${attachment.height}` : undefined;
  return (
    <figure className={tile ? 'media-thumb tile' : 'media-thumb'} style={{ aspectRatio: ratio }}>
      {preview.status === 'ready' && <img src={preview.url} alt={attachment.name} />}
      {preview.status === 'loading' && (
        <span className="media-placeholder" aria-label={`Loading ${attachment.name}`} role="img" />
      )}
      {preview.status === 'failed' && <span className="media-missing">Photo no longer available</span>}
      {preview.status !== 'failed' && (
        <button
          type="button"
          className="media-open"
          aria-label={`Open ${attachment.name}`}
          onClick={onOpen}
        />
      )}
    </figure>
  );
}
