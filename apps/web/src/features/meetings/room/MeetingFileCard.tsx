import type { MeetingFile } from '@parley/protocol';
import { useState } from 'react';
import { formatFileSize } from '../../../components/file-size.ts';
import { DownloadIcon, FileIcon } from '../../../components/icons.tsx';

/** A file shared in the meeting chat; "Download" fetches it with the participant's token. */
export function MeetingFileCard({ file, download }: { file: MeetingFile; download(): Promise<Blob> }) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  async function save() {
    setState('loading');
    try {
      const url = URL.createObjectURL(await download());
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      // Give the download a moment to start before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <div className="meeting-file">
      <span className="meeting-file-icon">
        <FileIcon />
      </span>
      <span className="meeting-file-text">
        <span className="meeting-file-name">{file.name}</span>
        <span className="muted small">
          {state === 'failed' ? 'Could not download. Try again.' : formatFileSize(file.size)}
        </span>
      </span>
      <button
        type="button"
        className="icon-button meeting-file-download"
        aria-label={`Download ${file.name}`}
        title="Download"
        onClick={save}
        disabled={state === 'loading'}
      >
        <DownloadIcon />
      </button>
    </div>
  );
}
