import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { type CountryOption, PhoneNumberFields } from './PhoneNumberFields.tsx';
import { StatusMessage } from './StatusMessage.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface PhoneFormProps {
  countries: readonly CountryOption[];
  countryCode: string;
  onCountryChange(code: string): void;
  number: string;
  onNumberChange(number: string): void;
  onSubmit(): void;
  onUsePassword(): void;
  pending: boolean;
  error: string | null;
  notice: string | null;
}

/** Sign-in step 1: the phone number a code is sent to. */
export function PhoneForm(props: PhoneFormProps) {
  const numberRef = useFocusOnMount<HTMLInputElement>();
  return (
    <Form onSubmit={props.onSubmit}>
      <h1>Enter your phone number</h1>
      <p className="muted">Parley will send you an SMS with a 6-digit code to verify your number.</p>
      <StatusMessage message={props.notice} tone="info" />
      <PhoneNumberFields
        countries={props.countries}
        countryCode={props.countryCode}
        onCountryChange={props.onCountryChange}
        number={props.number}
        onNumberChange={props.onNumberChange}
        numberRef={numberRef}
      />
      <ErrorAlert message={props.error} />
      <SubmitButton pending={props.pending} pendingLabel="Sending…">
        Next
      </SubmitButton>
      <button type="button" className="link-button" onClick={props.onUsePassword}>
        Sign in with password instead
      </button>
    </Form>
  );
}
