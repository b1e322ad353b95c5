import { useState } from 'react';
import { formatFileSize } from './file-size.ts';
import { DownloadIcon, FileIcon } from './icons.tsx';
import './FileCard.css';

/**
 * A file: icon, name and size, and "Download", which fetches it (`download`: the device's copy in
 * chats, with the participant token in meetings) and saves it.
 */
export function FileCard({
  name,
  size,
  download,
}: {
  name: string;
  size: number;
  download(): Promise<Blob>;
}) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  async function save() {
    setState('loading');
    try {
      const url = URL.createObjectURL(await download());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
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
        <span className="file-card-name">{name}</span>
        <span className="muted small">
          {state === 'failed' ? 'No longer available' : formatFileSize(size)}
        </span>
      </span>
      <button
        type="button"
        className="icon-button file-card-download"
        aria-label={state === 'loading' ? `Downloading ${name}` : `Download ${name}`}
        title="Download"
        onClick={save}
        disabled={state === 'loading'}
      >
        <DownloadIcon />
      </button>
    </div>
  );
}
