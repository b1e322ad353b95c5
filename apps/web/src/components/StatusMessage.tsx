interface StatusMessageProps {
  message: string | null;
  /** `success` confirms what the person just did; `info` tells them something they did not ask for. */
  tone?: 'success' | 'info';
}

/**
 * A quiet message ("Saved"). The live region stays mounted even when empty, because screen
 * readers only announce changes to a region they already know about.
 */
export function StatusMessage({ message, tone = 'success' }: StatusMessageProps) {
  return (
    <p role="status" className={`status ${tone}`}>
      {message}
    </p>
  );
}
