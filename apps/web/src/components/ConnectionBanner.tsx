import './ConnectionBanner.css';

interface ConnectionBannerProps {
  /** "Connecting…", "Waiting for network"; null shows nothing. */
  message: string | null;
  /** A lasting condition the person should know about (history not kept), not a passing state. */
  notice: string | null;
}

/** A strip above the chats saying why messages may not be arriving right now. */
export function ConnectionBanner({ message, notice }: ConnectionBannerProps) {
  return (
    <div className="connection-banner-area">
      <p role="status" className={message === null ? 'connection-banner empty' : 'connection-banner'}>
        {message}
      </p>
      {notice !== null && <p className="connection-banner notice">{notice}</p>}
    </div>
  );
}
