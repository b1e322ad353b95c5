// Inline SVG icons: decorative (aria-hidden), the text next to them carries the meaning.

const common = {
  width: 24,
  height: 24,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  focusable: false,
} as const;

export function LogoMark() {
  return (
    <svg width="32" height="32" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="16" fill="var(--accent)" />
      <path
        d="M18 20h20a8 8 0 0 1 8 8v6a8 8 0 0 1-8 8H30l-8 7v-7h-4a8 8 0 0 1-8-8v-6a8 8 0 0 1 8-8z"
        fill="var(--on-accent)"
      />
    </svg>
  );
}

export function ChatsIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z" />
    </svg>
  );
}

export function MeetingsIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10.5 21 7v10l-5-3.5" />
    </svg>
  );
}

export function SettingsIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M15 18l-6-6 6-6" />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-3.5-3.5" />
    </svg>
  );
}

export function NewChatIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z" />
      <path d="M12 8v8M8 12h8" />
    </svg>
  );
}

export function GroupIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
      <path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6.5 6.5 0 0 1 3.5 5.5" />
    </svg>
  );
}

export function SendIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M4 12l16-8-6 16-2.5-6.5z" />
      <path d="M11.5 13.5 20 4" />
    </svg>
  );
}

export function AttachIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M20 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
    </svg>
  );
}

export function MicIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="12" cy="5" r="1.2" fill="currentColor" />
      <circle cx="12" cy="12" r="1.2" fill="currentColor" />
      <circle cx="12" cy="19" r="1.2" fill="currentColor" />
    </svg>
  );
}

export function PlayIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M7 4.5v15l12-7.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M7 4h3.5v16H7zM13.5 4H17v16h-3.5z" fill="currentColor" stroke="none" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5" />
    </svg>
  );
}

export function InfoIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5M12 8h.01" />
    </svg>
  );
}

export function TrashIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />
    </svg>
  );
}

/** Message states as the sender sees them; each has an accessible name ("Read", "Delivered"). */
export function MessageStatusIcon({
  state,
}: {
  state: 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
}) {
  const label = {
    pending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Not sent',
  }[state];
  return (
    <svg
      className={`status-icon status-${state}`}
      width="18"
      height="14"
      viewBox="0 0 18 14"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      role="img"
      aria-label={label}
      focusable="false"
    >
      <title>{label}</title>
      {state === 'pending' && (
        <>
          <circle cx="9" cy="7" r="5.2" />
          <path d="M9 4.2V7l1.8 1.2" />
        </>
      )}
      {state === 'sent' && <path d="M4 7.5l3 3 7-7" />}
      {(state === 'delivered' || state === 'read') && (
        <>
          <path d="M1.5 7.5l3 3 7-7" />
          <path d="M8 10.5l7-7" />
          <path d="M6.8 9.3l1.2 1.2" />
        </>
      )}
      {state === 'failed' && (
        <>
          <circle cx="9" cy="7" r="5.6" />
          <path d="M9 4v3.6M9 9.8h.01" />
        </>
      )}
    </svg>
  );
}

export function DownloadIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  );
}

export function PhoneIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
    </svg>
  );
}

export function VideoCallIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="M16 10.5 22 7v10l-6-3.5" />
    </svg>
  );
}

export function HangUpIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M3 14.5a14 14 0 0 1 18 0l-1.5 3-4-1.2v-2.8a9 9 0 0 0-7 0v2.8l-4 1.2z" />
    </svg>
  );
}

export function MicOffIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M9 9v2a3 3 0 0 0 5 2.2M15 10V5a3 3 0 0 0-5.7-1.3M19 11a7 7 0 0 1-1 3.5M5 11a7 7 0 0 0 11 5.7M12 18v3M3 3l18 18" />
    </svg>
  );
}

export function VideoOffIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M10 6h4a2 2 0 0 1 2 2v3.5L22 7v10M16 16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2M3 3l18 18" />
    </svg>
  );
}

export function ScreenShareIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="2" y="4" width="20" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M9 10l3-3 3 3M12 7v7" />
    </svg>
  );
}

export function CallInIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M17 3 11 9M11 4v5h5" />
    </svg>
  );
}

export function CallOutIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M11 9l6-6M12 3h5v5" />
    </svg>
  );
}
