import type { RecordAction } from '@parley/client';

/** The toolbar's recording buttons: a dot to record or resume, bars to pause, a square to stop. */
export function RecordIcon({ action }: { action: RecordAction }) {
  return (
    <svg width={24} height={24} viewBox="0 0 24 24" aria-hidden="true" focusable={false}>
      <circle cx={12} cy={12} r={9} fill="none" stroke="currentColor" strokeWidth={2} />
      {(action === 'start' || action === 'resume') && <circle cx={12} cy={12} r={4.5} fill="#dc2626" />}
      {action === 'pause' && (
        <path d="M10 8.5v7M14 8.5v7" stroke="currentColor" strokeWidth={2} strokeLinecap="round" />
      )}
      {action === 'stop' && <rect x={9} y={9} width={6} height={6} rx={1} fill="currentColor" />}
    </svg>
  );
}
