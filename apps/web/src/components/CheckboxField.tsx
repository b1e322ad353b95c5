import { useId } from 'react';
import './CheckboxField.css';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: string;
  disabled?: boolean;
}

/** A labelled checkbox, the label clickable, with an optional hint under it. */
export function CheckboxField({ label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={hint === undefined ? undefined : hintId}
      />
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="checkbox-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
