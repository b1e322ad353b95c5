import { ErrorAlert } from './ErrorAlert.tsx';
import { LogoMark } from './icons.tsx';

/** Shown when a stored session could not be checked because the server did not answer. */
export function ServerUnreachable({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <main className="full-screen">
      <LogoMark />
      <ErrorAlert message={message} />
      <button type="button" className="button primary" onClick={onRetry}>
        Try again
      </button>
    </main>
  );
}
