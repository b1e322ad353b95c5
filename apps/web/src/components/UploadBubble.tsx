import { useEffect, useState } from 'react';
import { MessageStatusIcon } from './icons.tsx';

interface UploadBubbleProps {
  files: readonly File[];
  voice: boolean;
  /** 0..1 */
  progress: number;
  error: string | null;
  onRetry(): void;
  onRemove(): void;
}

/** A message still uploading its files: previews, progress, and Retry when it failed. */
export function UploadBubble({ files, voice, progress, error, onRetry, onRemove }: UploadBubbleProps) {
  const percent = Math.round(progress * 100);
  const urls = useImageUrls(files);
  const label = voice ? '🎤 Voice message' : files.length === 1 ? files[0]?.name : `${files.length} files`;
  return (
    <li className="message own uploading">
      <div className="message-row">
        <div className="bubble">
          {urls.length > 0 && (
            <div className={urls.length > 1 ? 'media-grid' : 'media-single'}>
              {urls.map(({ url, name }) => (
                <figure key={url} className={urls.length > 1 ? 'media-thumb tile' : 'media-thumb'}>
                  <img src={url} alt={name} />
                </figure>
              ))}
            </div>
          )}
          {urls.length === 0 && <p className="message-text">{label}</p>}
          {error === null ? (
            <div className="upload-progress">
              <progress max={100} value={percent} aria-label="Upload progress" />
              <span>Uploading… {percent}%</span>
            </div>
          ) : (
            <p className="error">{error}</p>
          )}
          <span className="message-meta">
            <MessageStatusIcon state={error === null ? 'pending' : 'failed'} />
          </span>
        </div>
      </div>
      {error !== null && (
        <p className="message-failed">
          <button type="button" className="link-button inline" onClick={onRetry}>
            Retry
          </button>
          <button type="button" className="link-button inline" onClick={onRemove}>
            Remove
          </button>
        </p>
      )}
    </li>
  );
}

/** Local previews of the photos being sent (`files` keeps its identity while uploading). */
function useImageUrls(files: readonly File[]): { url: string; name: string }[] {
  const [urls, setUrls] = useState<{ url: string; name: string }[]>([]);
  useEffect(() => {
    const images = files.filter((file) => file.type.startsWith('image/'));
    const made = images.map((file) => ({ url: URL.createObjectURL(file), name: file.name }));
    setUrls(made);
    return () => {
      for (const { url } of made) URL.revokeObjectURL(url);
    };
  }, [files]);
  return urls;
}
