import type { ClientErrorCode } from '@parley/client';
import { type ReactNode, useState } from 'react';
import { describeError } from '../app/error-messages.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * Asks before deleting something for good: `remove` runs on Delete; its failure is shown in plain
 * words (`errors` words the codes this kind of thing fails with) and the dialog stays open.
 */
export function ConfirmDeleteDialog({
  title,
  children,
  remove,
  errors,
  onClose,
  onDeleted,
}: {
  title: string;
  children: ReactNode;
  remove(): Promise<void>;
  errors: Partial<Record<ClientErrorCode, string>>;
  onClose(): void;
  onDeleted(): void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await remove();
      onDeleted();
    } catch (caught) {
      setError(describeError(caught, errors));
      setPending(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <p>{children}</p>
      <ErrorAlert message={error} />
      <div className="row">
        <button type="button" className="button danger" disabled={pending} onClick={confirm}>
          {pending ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
