import { type InputHTMLAttributes, type Ref, useId } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'prefix'>;

export interface TextFieldProps extends InputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  /** Shows "used/maxLength" under the field. */
  showCount?: boolean;
  /** Fixed text before the input, such as a dial code; the label already names it. */
  prefix?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and character count. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  showCount,
  prefix,
  ref,
  ...input
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const counted = showCount === true && input.maxLength !== undefined;
  const described = hint !== undefined || counted;
  const field = (
    <input
      {...input}
      ref={ref}
      id={id}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      aria-describedby={described ? hintId : undefined}
    />
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {prefix === undefined ? (
        field
      ) : (
        <div className="input-group">
          <span className="input-prefix" aria-hidden="true">
            {prefix}
          </span>
          {field}
        </div>
      )}
      {described && (
        <div className="field-hint" id={hintId}>
          <span>{hint}</span>
          {counted && (
            <span className="field-count">
              {value.length}/{input.maxLength}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
