import type { Meeting } from '@parley/protocol';
import { meetingLimits, passcodeSchema } from '@parley/protocol';
import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { randomPasscode } from './passcode.ts';
import {
  durationLabel,
  fromDateTimeLocal,
  meetingDurations,
  nextHalfHour,
  toDateTimeLocal,
} from './schedule-time.ts';

const durationOptions = meetingDurations.map((minutes) => ({
  value: String(minutes),
  label: durationLabel(minutes),
}));

/** "Schedule": a meeting for later, with its time, length, passcode and who may come in how. */
export function ScheduleMeetingDialog({
  onClose,
  onScheduled,
}: {
  onClose(): void;
  onScheduled(meeting: Meeting): void;
}) {
  const { api, me } = useSignedInSession();
  const [title, setTitle] = useState(() => (me.displayName ? `${me.displayName}’s meeting` : ''));
  const [startsAt, setStartsAt] = useState(() => toDateTimeLocal(nextHalfHour(new Date())));
  const [duration, setDuration] = useState('30');
  const [passcode, setPasscode] = useState(() => randomPasscode());
  const [waitingRoom, setWaitingRoom] = useState(true);
  const [allowGuests, setAllowGuests] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function schedule() {
    const name = title.trim();
    if (name === '') return setError('Give the meeting a title.');
    const start = fromDateTimeLocal(startsAt);
    if (start === null) return setError('Choose the date and time the meeting starts.');
    if (start.getTime() <= Date.now()) return setError('Choose a time in the future.');
    const code = passcode.trim();
    if (code !== '' && !passcodeSchema.safeParse(code).success) {
      return setError(
        `A passcode has up to ${meetingLimits.passcodeMax} letters, digits and @ * _ . - (no spaces).`,
      );
    }
    setPending(true);
    setError(null);
    try {
      const meeting = await api.createMeeting({
        title: name,
        scheduledFor: start.toISOString(),
        durationMinutes: Number(duration),
        passcode: code === '' ? null : code,
        waitingRoom,
        allowGuests,
      });
      onScheduled(meeting);
    } catch (caught) {
      setError(describeError(caught));
      setPending(false);
    }
  }

  return (
    <Dialog title="Schedule a meeting" onClose={onClose}>
      <Form onSubmit={schedule}>
        <TextField
          label="Title"
          value={title}
          onChange={setTitle}
          maxLength={meetingLimits.titleMax}
          autoComplete="off"
          required
        />
        <TextField
          label="Date and time"
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          min={toDateTimeLocal(new Date())}
          required
        />
        <SelectField label="Duration" value={duration} options={durationOptions} onChange={setDuration} />
        <TextField
          label="Passcode"
          value={passcode}
          onChange={setPasscode}
          maxLength={meetingLimits.passcodeMax}
          autoComplete="off"
          spellCheck={false}
          hint="People joining with the meeting ID need it; the link works without it. Leave it empty for none."
        />
        <CheckboxField
          label="Waiting room"
          checked={waitingRoom}
          onChange={setWaitingRoom}
          hint="People wait until you let them in."
        />
        <CheckboxField
          label="Allow guests"
          checked={allowGuests}
          onChange={setAllowGuests}
          hint="People without a Parley account can join by entering their name."
        />
        <ErrorAlert message={error} />
        <SubmitButton pending={pending} pendingLabel="Scheduling…">
          Schedule
        </SubmitButton>
      </Form>
    </Dialog>
  );
}
