import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { TextField } from './TextField.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface DisplayNameFormProps {
  name: string;
  onNameChange(name: string): void;
  maxLength: number;
  onSubmit(): void;
  pending: boolean;
  error: string | null;
}

/** Sign-up step 3: the name a new account shows to others. */
export function DisplayNameForm(props: DisplayNameFormProps) {
  const nameRef = useFocusOnMount<HTMLInputElement>();
  return (
    <Form onSubmit={props.onSubmit}>
      <h1>What’s your name?</h1>
      <p className="muted">People see this name when you message them or join a meeting.</p>
      <TextField
        ref={nameRef}
        label="Your name"
        autoComplete="name"
        maxLength={props.maxLength}
        showCount
        required
        value={props.name}
        onChange={props.onNameChange}
      />
      <ErrorAlert message={props.error} />
      <SubmitButton pending={props.pending} pendingLabel="Saving…">
        Continue
      </SubmitButton>
    </Form>
  );
}
