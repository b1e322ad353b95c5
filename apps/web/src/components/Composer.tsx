import { type Ref, useId, useLayoutEffect, useRef } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';
import { formatDuration, spokenDuration } from './format-duration.ts';
import { AttachIcon, CloseIcon, MicIcon, SendIcon, TrashIcon } from './icons.tsx';

interface ComposerProps {
  text: string;
  onTextChange(text: string): void;
  /** Enter (without Shift) or the Send button. */
  onSubmit(): void;
  /** The message being answered; null when not replying. */
  reply: { name: string; text: string } | null;
  onCancelReply(): void;
  editing: boolean;
  onCancelEdit(): void;
  onFiles(files: File[]): void;
  /** Elapsed milliseconds while recording a voice message; null otherwise. */
  recordingMs: number | null;
  onStartRecording(): void;
  onCancelRecording(): void;
  onSendRecording(): void;
  /** Why nothing can be sent (no longer a member); null when sending works. */
  disabledReason: string | null;
  error: string | null;
  inputRef?: Ref<HTMLTextAreaElement>;
}

const maxRows = 6;

/**
 * Writes a message: Enter sends and Shift+Enter starts a new line; files are attached with the
 * clip, and the microphone records a voice message (with a timer, Cancel and Send).
 */
export function Composer(props: ComposerProps) {
  const fileInputId = useId();
  const area = useRef<HTMLTextAreaElement | null>(null);

  // Grow with the text up to a few lines, then scroll.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = 'auto';
    const line = Number.parseFloat(getComputedStyle(element).lineHeight) || 24;
    element.style.height = `${Math.min(element.scrollHeight, line * maxRows + 16)}px`;
  }, [props.text]);

  if (props.disabledReason !== null) {
    return (
      <div className="composer">
        <p className="composer-disabled muted">{props.disabledReason}</p>
      </div>
    );
  }

  if (props.recordingMs !== null) {
    return (
      <div className="composer">
        <ErrorAlert message={props.error} />
        <fieldset className="composer-row recording" aria-label="Recording a voice message">
          <button
            type="button"
            className="icon-button"
            aria-label="Cancel recording"
            onClick={props.onCancelRecording}
          >
            <TrashIcon />
          </button>
          <span className="recording-dot" aria-hidden="true" />
          <span
            className="recording-time"
            role="timer"
            aria-label={`Recording, ${spokenDuration(props.recordingMs)}`}
          >
            {formatDuration(props.recordingMs)}
          </span>
          <span className="recording-label muted">Recording…</span>
          <button
            type="button"
            className="send-button"
            aria-label="Send voice message"
            onClick={props.onSendRecording}
          >
            <SendIcon />
          </button>
        </fieldset>
      </div>
    );
  }

  const canSend = props.text.trim() !== '';
  return (
    <div className="composer">
      <ErrorAlert message={props.error} />
      {(props.reply !== null || props.editing) && (
        <div className="composer-context">
          <span className="composer-context-text">
            <strong>{props.editing ? 'Editing message' : `Replying to ${props.reply?.name}`}</strong>
            {!props.editing && <span className="muted">{props.reply?.text}</span>}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={props.editing ? 'Cancel editing' : 'Cancel reply'}
            onClick={props.editing ? props.onCancelEdit : props.onCancelReply}
          >
            <CloseIcon />
          </button>
        </div>
      )}
      <div className="composer-row">
        {!props.editing && (
          <>
            <input
              id={fileInputId}
              className="visually-hidden"
              type="file"
              multiple
              onChange={(event) => {
                const files = [...(event.currentTarget.files ?? [])];
                // Reset so choosing the same file again still fires a change.
                event.currentTarget.value = '';
                if (files.length > 0) props.onFiles(files);
              }}
            />
            <label htmlFor={fileInputId} className="icon-button attach-button" title="Attach files">
              <AttachIcon />
              <span className="visually-hidden">Attach files</span>
            </label>
          </>
        )}
        <textarea
          ref={(element) => {
            area.current = element;
            if (typeof props.inputRef === 'function') props.inputRef(element);
            else if (props.inputRef) props.inputRef.current = element;
          }}
          className="composer-input"
          aria-label="Message"
          placeholder="Message"
          rows={1}
          value={props.text}
          onChange={(event) => props.onTextChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && (props.editing || props.reply !== null)) {
              event.preventDefault();
              if (props.editing) props.onCancelEdit();
              else props.onCancelReply();
            }
            // Not while an input method is composing a character (Japanese, Chinese...).
            if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
            event.preventDefault();
            if (canSend) props.onSubmit();
          }}
        />
        {canSend || props.editing ? (
          <button
            type="button"
            className="send-button"
            aria-label={props.editing ? 'Save changes' : 'Send'}
            onClick={props.onSubmit}
            disabled={!canSend}
          >
            <SendIcon />
          </button>
        ) : (
          <button
            type="button"
            className="send-button"
            aria-label="Record voice message"
            onClick={props.onStartRecording}
          >
            <MicIcon />
          </button>
        )}
      </div>
    </div>
  );
}
