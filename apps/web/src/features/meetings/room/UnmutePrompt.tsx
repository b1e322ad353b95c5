import { Dialog } from '../../../components/Dialog.tsx';

interface UnmutePromptProps {
  by: string;
  onUnmute(): void;
  onClose(): void;
}

/** A host asks me to unmute: I decide; the microphone never opens on a host's word alone. */
export function UnmutePrompt({ by, onUnmute, onClose }: UnmutePromptProps) {
  return (
    <Dialog title={`${by} asks you to unmute`} onClose={onClose}>
      <p className="muted">Others will hear you once you unmute.</p>
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          Stay muted
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            onClose();
            onUnmute();
          }}
        >
          Unmute
        </button>
      </div>
    </Dialog>
  );
}
