import type { KeyboardEvent } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';
import { type CountryOption, PhoneNumberFields } from './PhoneNumberFields.tsx';

interface PhoneLookupFieldsProps {
  countries: readonly CountryOption[];
  countryCode: string;
  onCountryChange(code: string): void;
  number: string;
  onNumberChange(number: string): void;
  onFind(): void;
  /** "Find", "Add". */
  findLabel: string;
  pending: boolean;
  error: string | null;
}

/**
 * Country, phone number and a button that looks the person up. Not a form of its own, so it
 * can sit inside another form (new group): Enter in the number field looks up too.
 */
export function PhoneLookupFields(props: PhoneLookupFieldsProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onFind();
    }
  };
  return (
    <fieldset className="stack plain-fieldset phone-lookup" onKeyDown={onKeyDown}>
      <PhoneNumberFields
        countries={props.countries}
        countryCode={props.countryCode}
        onCountryChange={props.onCountryChange}
        number={props.number}
        onNumberChange={props.onNumberChange}
      />
      <ErrorAlert message={props.error} />
      <button
        type="button"
        className="button secondary"
        onClick={props.onFind}
        disabled={props.pending || props.number.trim() === ''}
      >
        {props.pending ? 'Looking up…' : props.findLabel}
      </button>
    </fieldset>
  );
}
