import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { StatusMessage } from './StatusMessage.tsx';
import { TextField } from './TextField.tsx';

interface ProfileFormProps {
  phone: string;
  name: string;
  onNameChange(name: string): void;
  nameMaxLength: number;
  about: string;
  onAboutChange(about: string): void;
  aboutMaxLength: number;
  /** False when nothing changed since the last save. */
  canSave: boolean;
  onSubmit(): void;
  pending: boolean;
  error: string | null;
  notice: string | null;
}

/** Display name and about text, with the account's phone number for reference. */
export function ProfileForm(props: ProfileFormProps) {
  return (
    <Form onSubmit={props.onSubmit}>
      <p className="muted">
        Phone number <strong className="nowrap">{props.phone}</strong>
      </p>
      <TextField
        label="Name"
        autoComplete="name"
        maxLength={props.nameMaxLength}
        showCount
        required
        value={props.name}
        onChange={props.onNameChange}
      />
      <TextField
        label="About"
        hint="A few words about you, shown on your profile."
        maxLength={props.aboutMaxLength}
        showCount
        value={props.about}
        onChange={props.onAboutChange}
      />
      <ErrorAlert message={props.error} />
      <div className="row">
        <SubmitButton pending={props.pending} pendingLabel="Saving…" disabled={!props.canSave}>
          Save
        </SubmitButton>
        <StatusMessage message={props.notice} />
      </div>
    </Form>
  );
}
