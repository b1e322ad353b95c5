import type { Attachment } from '@parley/protocol';
import type { AttachmentSource } from '../../components/attachment-source.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useBlobUrl } from '../../components/use-blob-url.ts';

/** A photo at full size; Escape or Close returns to the chat. */
export function ImageViewer({
  attachment,
  source,
  onClose,
}: {
  attachment: Attachment;
  source: AttachmentSource;
  onClose(): void;
}) {
  const full = useBlobUrl(`full ${attachment.id}`, () => source.file(attachment));
  const preview = useBlobUrl(`preview ${attachment.id}`, () => source.preview(attachment));
  const shown = full.status === 'ready' ? full : preview;
  return (
    <Dialog title="Photo" onClose={onClose} size="full" className="image-viewer">
      {shown.status === 'ready' ? (
        <>
          <img src={shown.url} alt={attachment.name} />
          {full.status === 'ready' && (
            <a className="button secondary small" href={full.url} download={attachment.name}>
              Download
            </a>
          )}
        </>
      ) : shown.status === 'failed' ? (
        <p className="muted">This photo is no longer available.</p>
      ) : (
        <p role="status" className="muted">
          Loading photo…
        </p>
      )}
    </Dialog>
  );
}
