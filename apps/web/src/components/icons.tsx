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
