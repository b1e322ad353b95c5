import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { type CountryOption, PhoneNumberFields } from './PhoneNumberFields.tsx';
import { TextField } from './TextField.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface PasswordSignInFormProps {
  countries: readonly CountryOption[];
  countryCode: string;
  onCountryChange(code: string): void;
  number: string;
  onNumberChange(number: string): void;
  password: string;
  onPasswordChange(password: string): void;
  onSubmit(): void;
  onUseCode(): void;
  pending: boolean;
  error: string | null;
}

/** Sign in with phone number and password, for accounts that set one. */
export function PasswordSignInForm(props: PasswordSignInFormProps) {
  const numberRef = useFocusOnMount<HTMLInputElement>();
  return (
    <Form onSubmit={props.onSubmit}>
      <h1>Sign in with password</h1>
      <p className="muted">Use the password you set in Parley’s settings.</p>
      <PhoneNumberFields
        countries={props.countries}
        countryCode={props.countryCode}
        onCountryChange={props.onCountryChange}
        number={props.number}
        onNumberChange={props.onNumberChange}
        numberRef={numberRef}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        maxLength={128}
        required
        value={props.password}
        onChange={props.onPasswordChange}
      />
      <ErrorAlert message={props.error} />
      <SubmitButton pending={props.pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <button type="button" className="link-button" onClick={props.onUseCode}>
        Sign in with an SMS code instead
      </button>
    </Form>
  );
}
