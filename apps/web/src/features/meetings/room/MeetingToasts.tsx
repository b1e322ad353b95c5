import { CloseIcon } from '../../../components/icons.tsx';
import type { MeetingToast } from './use-meeting-toasts.ts';

/** Notices over the meeting ("Hanna muted you"), read out by screen readers as they come. */
export function MeetingToasts({
  toasts,
  onDismiss,
}: {
  toasts: readonly MeetingToast[];
  onDismiss(id: number): void;
}) {
  return (
    <section className="meeting-toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="meeting-toast">
          <p className="meeting-toast-text">{toast.text}</p>
          {toast.action && (
            <button
              type="button"
              className="link-button inline"
              onClick={() => {
                onDismiss(toast.id);
                toast.action?.onSelect();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => onDismiss(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
