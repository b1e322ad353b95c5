import { ErrorAlert } from './ErrorAlert.tsx';
import './ListLoading.css';

interface ListLoadingProps {
  /** What is loading, plural and lowercase: "calls", "meetings". */
  what: string;
  /** Why the last try failed, in plain words; null while it loads. */
  error: string | null;
  onRetry(): void;
}

/** A list before its first page: "Loading calls…", or why it could not load and Try again. */
export function ListLoading({ what, error, onRetry }: ListLoadingProps) {
  if (error === null) {
    return (
      <p role="status" className="muted">
        Loading {what}…
      </p>
    );
  }
  return (
    <div className="stack">
      <ErrorAlert message={`Your ${what} couldn’t be loaded. ${error}`} />
      <button type="button" className="button secondary list-action" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
