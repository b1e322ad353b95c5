import { useId } from 'react';
import { Avatar } from './Avatar.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StatusMessage } from './StatusMessage.tsx';
import './AvatarEditor.css';

interface AvatarEditorProps {
  name: string | null;
  url: string | null;
  accept: string;
  /** 0..1 while uploading, otherwise null. */
  uploadProgress: number | null;
  removing: boolean;
  onFileChosen(file: File): void;
  onRemove(): void;
  error: string | null;
  notice: string | null;
  /** The photo's accessible name. */
  photoAlt?: string;
}

/** The profile photo with "Change photo" (a file picker) and "Remove photo". */
export function AvatarEditor(props: AvatarEditorProps) {
  const inputId = useId();
  const busy = props.uploadProgress !== null || props.removing;
  const percent = props.uploadProgress === null ? 0 : Math.round(props.uploadProgress * 100);
  return (
    <div className="avatar-editor">
      <Avatar name={props.name} url={props.url} size="large" alt={props.photoAlt ?? 'Your profile photo'} />
      <div className="stack avatar-editor-actions">
        <div className="row">
          {/* The label is the visible button; the input stays focusable for keyboards and tests. */}
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept={props.accept}
            disabled={busy}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              // Reset so choosing the same file again still fires a change.
              event.currentTarget.value = '';
              if (file !== undefined) props.onFileChosen(file);
            }}
          />
          <label htmlFor={inputId} className={`button secondary${busy ? ' disabled' : ''}`}>
            Change photo
          </label>
          {props.url !== null && (
            <button type="button" className="button secondary" onClick={props.onRemove} disabled={busy}>
              {props.removing ? 'Removing…' : 'Remove photo'}
            </button>
          )}
        </div>
        {props.uploadProgress !== null && (
          <div className="upload-progress">
            <progress max={100} value={percent} aria-label="Upload progress" />
            <span>Uploading… {percent}%</span>
          </div>
        )}
        <ErrorAlert message={props.error} />
        <StatusMessage message={props.notice} />
      </div>
    </div>
  );
}
