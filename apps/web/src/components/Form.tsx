import type { ReactNode } from 'react';

interface FormProps {
  onSubmit(): void;
  children: ReactNode;
}

/** A form that submits with Enter or its button, validated by us rather than the browser's bubbles. */
export function Form({ onSubmit, children }: FormProps) {
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

interface SubmitButtonProps {
  /** While true the button is disabled and shows `pendingLabel`. */
  pending: boolean;
  pendingLabel: string;
  disabled?: boolean;
  children: ReactNode;
}

export function SubmitButton({ pending, pendingLabel, disabled = false, children }: SubmitButtonProps) {
  return (
    <button type="submit" className="button primary" disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </button>
  );
}
