import './Toasts.css';
import './StatusToast.css';

export interface ToastMessage {
  /** A new id for each showing, so the same words are announced again. */
  id: number;
  text: string;
}

/** A short confirmation in the corner ("Link copied"), read out by screen readers. */
export function StatusToast({ message }: { message: ToastMessage | null }) {
  return (
    <div className="toasts" role="status">
      {message !== null && (
        <p key={message.id} className="toast toast-plain">
          {message.text}
        </p>
      )}
    </div>
  );
}
