import type { ReactNode } from 'react';

// Icons only the meeting room uses, drawn like components/icons.tsx: decorative unless labelled.

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

/** Decorative by default; with `label` it is an image with that accessible name ("Hanna is muted"). */
type IconProps = { label?: string };

function Icon({ label, children }: IconProps & { children: ReactNode }) {
  if (label === undefined) {
    return (
      <svg {...common} aria-hidden="true">
        {children}
      </svg>
    );
  }
  return (
    <svg {...common} role="img" aria-label={label}>
      <title>{label}</title>
      {children}
    </svg>
  );
}

export function MicOffIcon({ label }: IconProps) {
  return (
    <Icon label={label}>
      <path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.6 2.5" />
      <path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 10.9 5.8M12 18v3M3 3l18 18" />
    </Icon>
  );
}

export function VideoIcon({ label }: IconProps) {
  return (
    <Icon label={label}>
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10.5 21 7v10l-5-3.5" />
    </Icon>
  );
}

export function VideoOffIcon({ label }: IconProps) {
  return (
    <Icon label={label}>
      <path d="M10 6h4a2 2 0 0 1 2 2v4M16 16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2" />
      <path d="M16 10.5 21 7v10l-3-2.1M3 3l18 18" />
    </Icon>
  );
}

export function ShareScreenIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="4" width="18" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M12 13V8M9.5 10.5 12 8l2.5 2.5" />
    </svg>
  );
}

export function HandIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M8 12V5.5a1.5 1.5 0 0 1 3 0V11M11 10V4a1.5 1.5 0 0 1 3 0v7M14 10.5V6a1.5 1.5 0 0 1 3 0v7" />
      <path d="M17 12a1.5 1.5 0 0 1 3 0v2a8 8 0 0 1-8 8h-.5a7 7 0 0 1-5.6-2.8L3.6 16a1.6 1.6 0 0 1 2.5-2L8 16v-4" />
    </svg>
  );
}

export function SmileIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
    </svg>
  );
}

export function GearIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 0 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 0 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 0 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 0 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
    </svg>
  );
}

export function LeaveIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M3.6 14.6a16 16 0 0 1 16.8 0l-.2 2.6a1.5 1.5 0 0 1-1.9 1.3l-2.6-.7a1.5 1.5 0 0 1-1.1-1.3l-.2-1.7a11 11 0 0 0-4.8 0l-.2 1.7a1.5 1.5 0 0 1-1.1 1.3l-2.6.7a1.5 1.5 0 0 1-1.9-1.3z" />
    </svg>
  );
}

export function GalleryIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="4" width="8" height="7" rx="1.5" />
      <rect x="13" y="4" width="8" height="7" rx="1.5" />
      <rect x="3" y="13" width="8" height="7" rx="1.5" />
      <rect x="13" y="13" width="8" height="7" rx="1.5" />
    </svg>
  );
}

export function SpeakerLayoutIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="3" width="18" height="4" rx="1" />
      <rect x="3" y="9" width="18" height="12" rx="1.5" />
    </svg>
  );
}

export function NoiseIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M3 12h2M7 8v8M11 5v14M15 9v6M19 11v2M21 12h0" />
    </svg>
  );
}

/** Breakout rooms: one room split into four. */
export function BreakoutIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="M12 3v7M12 14v7M3 12h6M15 12h6" />
    </svg>
  );
}

export function LockIcon({ label }: IconProps) {
  return (
    <Icon label={label}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </Icon>
  );
}

export function ChevronIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg {...common} aria-hidden="true">
      <path d={direction === 'left' ? 'M15 18l-6-6 6-6' : 'M9 6l6 6-6 6'} />
    </svg>
  );
}

/** Three bars, as many filled as the connection is good. */
export function SignalBars({ level }: { level: 1 | 2 | 3 }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      {[0, 1, 2].map((bar) => (
        <rect
          key={bar}
          x={2 + bar * 5.5}
          y={12 - bar * 4}
          width="3.5"
          height={4 + bar * 4}
          rx="1"
          fill="currentColor"
          opacity={bar < level ? 1 : 0.3}
        />
      ))}
    </svg>
  );
}
