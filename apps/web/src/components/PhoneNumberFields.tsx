import { type Ref, useId } from 'react';
import { TextField } from './TextField.tsx';

export interface CountryOption {
  code: string;
  name: string;
  dialCode: string;
}

interface PhoneNumberFieldsProps {
  countries: readonly CountryOption[];
  countryCode: string;
  onCountryChange(code: string): void;
  number: string;
  onNumberChange(number: string): void;
  numberRef?: Ref<HTMLInputElement>;
}

/** Country (dial code) selector and the national number, labelled "Country" and "Phone number". */
export function PhoneNumberFields(props: PhoneNumberFieldsProps) {
  const selectId = useId();
  const dialCode = props.countries.find((c) => c.code === props.countryCode)?.dialCode ?? '';
  return (
    <>
      <div className="field">
        <label htmlFor={selectId}>Country</label>
        <select
          id={selectId}
          value={props.countryCode}
          onChange={(event) => props.onCountryChange(event.currentTarget.value)}
          autoComplete="country"
        >
          {props.countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name} (+{country.dialCode})
            </option>
          ))}
        </select>
      </div>
      <TextField
        ref={props.numberRef}
        label="Phone number"
        prefix={`+${dialCode}`}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        maxLength={32}
        required
        value={props.number}
        onChange={props.onNumberChange}
      />
    </>
  );
}
