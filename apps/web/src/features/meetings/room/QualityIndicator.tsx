import type { NetworkQuality } from '@parley/protocol';
import { SignalBars } from './meeting-icons.tsx';
import { qualityWords } from './meeting-words.ts';

const levels = { good: 3, fair: 2, poor: 1 } as const;

/** Signal bars and "Good connection"; `compact` keeps the words for screen readers only. */
export function QualityIndicator({
  quality,
  compact = false,
}: {
  quality: NetworkQuality;
  compact?: boolean;
}) {
  const words = qualityWords(quality);
  return (
    <span className={`quality quality-${quality}`} title={words}>
      <SignalBars level={levels[quality]} />
      <span className={compact ? 'visually-hidden' : 'quality-words'}>{words}</span>
    </span>
  );
}
