import type { Attachment } from '@parley/protocol';
import { useState } from 'react';
import type { AttachmentSource } from './attachment-source.ts';
import { formatFileSize } from './file-size.ts';
import { DownloadIcon, FileIcon } from './icons.tsx';

/** A file: icon, name and size, and "Download", which saves this device's copy. */
export function FileCard({ attachment, source }: { attachment: Attachment; source: AttachmentSource }) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  async function download() {
    setState('loading');
    try {
      const blob = await source.file(attachment);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.name;
      link.click();
      // Give the download a moment to start before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <div className="file-card">
      <span className="file-card-icon">
        <FileIcon />
      </span>
      <span className="file-card-text">
        <span className="file-card-name">{attachment.name}</span>
        <span className="muted small">
          {state === 'failed' ? 'No longer available' : formatFileSize(attachment.size)}
        </span>
      </span>
      <button
        type="button"
        className="icon-button file-card-download"
        aria-label={state === 'loading' ? `Downloading ${attachment.name}` : `Download ${attachment.name}`}
        title="Download"
        onClick={download}
        disabled={state === 'loading'}
      >
        <DownloadIcon />
      </button>
    </div>
  );
}
