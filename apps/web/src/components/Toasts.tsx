import { Link } from 'react-router';
import { Avatar } from './Avatar.tsx';
import { CloseIcon } from './icons.tsx';
import './Toasts.css';

export interface Toast {
  id: string;
  title: string;
  body: string;
  avatarUrl: string | null;
  to: string;
}

interface ToastsProps {
  toasts: readonly Toast[];
  onDismiss(id: string): void;
}

/** New messages from chats that are not on screen, in the corner; each opens its chat. */
export function Toasts({ toasts, onDismiss }: ToastsProps) {
  return (
    <section className="toasts" aria-label="New messages" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <Link to={toast.to} className="toast-link" onClick={() => onDismiss(toast.id)}>
            <Avatar name={toast.title} url={toast.avatarUrl} size="small" alt="" />
            <span className="toast-text">
              <strong>{toast.title}</strong>
              <span>{toast.body}</span>
            </span>
          </Link>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss notification from ${toast.title}`}
            onClick={() => onDismiss(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
