import { type BreakoutConfiguration, type BreakoutState, breakoutLimits } from '@parley/protocol';
import { useId, useState } from 'react';
import { describeError } from '../../../app/error-messages.ts';
import { CheckboxField } from '../../../components/CheckboxField.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../../components/Form.tsx';
import { TextField } from '../../../components/TextField.tsx';
import {
  assignmentChoices,
  type BreakoutSetup,
  breakoutConfiguration,
  initialBreakoutSetup,
} from './breakout-setup.ts';
import './BreakoutRooms.css';

interface BreakoutSetupDialogProps {
  /** The rooms set up already (setting them up again), or null. */
  state: BreakoutState | null;
  /** People who are not hosts, for the suggested number of rooms. */
  participants: number;
  /** Sends the configuration; rejects with the server's error. */
  onConfigure(configuration: BreakoutConfiguration): Promise<void>;
  onClose(): void;
}

/** "Create breakout rooms": how many, who goes where, and when they close. */
export function BreakoutSetupDialog({ state, participants, onConfigure, onClose }: BreakoutSetupDialogProps) {
  const [setup, setSetup] = useState<BreakoutSetup>(() => initialBreakoutSetup(state, participants));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const assignmentId = useId();
  const change = (changes: Partial<BreakoutSetup>) => setSetup((current) => ({ ...current, ...changes }));

  async function create() {
    const result = breakoutConfiguration(setup, state?.rooms ?? []);
    if ('error' in result) return setError(result.error);
    setPending(true);
    setError(null);
    try {
      await onConfigure(result.configuration);
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setPending(false);
    }
  }

  return (
    <Dialog
      title={state === null ? 'Create breakout rooms' : 'Set up breakout rooms again'}
      onClose={onClose}
    >
      <Form onSubmit={create}>
        <TextField
          label="Number of rooms"
          type="number"
          inputMode="numeric"
          min={breakoutLimits.roomsMin}
          max={breakoutLimits.roomsMax}
          value={setup.roomCount}
          onChange={(roomCount) => change({ roomCount })}
          hint={`${breakoutLimits.roomsMin} to ${breakoutLimits.roomsMax}`}
        />
        <fieldset className="breakout-choices" aria-describedby={assignmentId}>
          <legend>Put people in rooms</legend>
          {assignmentChoices.map((choice) => (
            <div key={choice.value} className="breakout-choice">
              <input
                type="radio"
                id={`${assignmentId}-${choice.value}`}
                name="assignment"
                value={choice.value}
                checked={setup.assignment === choice.value}
                onChange={() => change({ assignment: choice.value })}
                aria-describedby={`${assignmentId}-${choice.value}-hint`}
              />
              <label htmlFor={`${assignmentId}-${choice.value}`}>{choice.label}</label>
              <span id={`${assignmentId}-${choice.value}-hint`} className="breakout-choice-hint">
                {choice.hint}
              </span>
            </div>
          ))}
          <p id={assignmentId} className="breakout-choice-hint">
            Hosts and co-hosts are not put in a room: they can visit any.
          </p>
        </fieldset>
        <CheckboxField
          label="Move people into their rooms automatically"
          checked={setup.autoMove}
          onChange={(autoMove) => change({ autoMove })}
          hint="Otherwise each person is invited and joins when ready."
        />
        <CheckboxField
          label="Close the rooms automatically"
          checked={setup.timer}
          onChange={(timer) => change({ timer })}
        />
        {setup.timer && (
          <TextField
            label="Close after (minutes)"
            type="number"
            inputMode="numeric"
            min={1}
            max={breakoutLimits.timerMinutesMax}
            value={setup.timerMinutes}
            onChange={(timerMinutes) => change({ timerMinutes })}
          />
        )}
        <TextField
          label="Countdown before the rooms close (seconds)"
          type="number"
          inputMode="numeric"
          min={0}
          max={breakoutLimits.closeCountdownSecondsMax}
          value={setup.closeCountdownSeconds}
          onChange={(closeCountdownSeconds) => change({ closeCountdownSeconds })}
          hint="Everyone sees it before they return to the main room."
        />
        <ErrorAlert message={error} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          {state === null ? 'Create rooms' : 'Save'}
        </SubmitButton>
      </Form>
    </Dialog>
  );
}
