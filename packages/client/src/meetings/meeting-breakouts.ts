import { type BreakoutConfiguration, breakoutConfigurationSchema } from '@parley/protocol';
import { ApiError } from '../api-error.ts';
import type { MeetingAnswer, MeetingRequest } from './meeting-frames.ts';

/**
 * The breakout room commands of a meeting room (`room.breakouts`). Their state is the snapshot's
 * `breakouts`; each command resolves once the server applied it and rejects with its ApiError
 * (NOT_MEETING_HOST, BREAKOUTS_NOT_OPEN, BREAKOUT_NOT_ASSIGNED, ...). Moving between rooms needs
 * nothing from the caller: the room sets the media up again with the same devices.
 */
export class MeetingBreakouts {
  readonly #request: (frame: MeetingRequest) => Promise<MeetingAnswer>;

  constructor(request: (frame: MeetingRequest) => Promise<MeetingAnswer>) {
    this.#request = request;
  }

  // Hosts and co-hosts.

  /**
   * Sets the rooms up (again, while they are not open). Left out: `participantIds` [], `autoMove`
   * false, `timerMinutes` null, `closeCountdownSeconds` 60. VALIDATION_FAILED before sending when
   * out of bounds (breakoutLimits).
   */
  async configure(configuration: BreakoutConfiguration): Promise<void> {
    const parsed = breakoutConfigurationSchema.safeParse(configuration);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw ApiError.of(
        'VALIDATION_FAILED',
        `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    await this.#request({ type: 'breakout-configure', ...parsed.data });
  }

  /** Assigns someone to a room (null: unassigns); while open, someone in a breakout room moves at once. */
  async assign(participantId: string, roomId: string | null): Promise<void> {
    await this.#request({ type: 'breakout-assign', participantId, roomId });
  }

  async rename(roomId: string, name: string): Promise<void> {
    await this.#request({ type: 'breakout-rename', roomId, name });
  }

  async open(): Promise<void> {
    await this.#request({ type: 'breakout-open' });
  }

  /** Starts the closing countdown; everyone returns to the main room at `closesAt`. */
  async close(): Promise<void> {
    await this.#request({ type: 'breakout-close' });
  }

  /** A message to everyone in the breakout rooms. */
  async broadcast(text: string): Promise<void> {
    await this.#request({ type: 'breakout-broadcast', text });
  }

  // Everyone.

  /** Goes into a room: my assigned one, any in `choose` mode; hosts and co-hosts visit any. */
  async join(roomId: string): Promise<void> {
    await this.#request({ type: 'breakout-join', roomId });
  }

  /** Back to the main room from a breakout room. */
  async returnToMain(): Promise<void> {
    await this.#request({ type: 'breakout-return' });
  }

  /** Asks the hosts to come to my breakout room. */
  async askForHelp(): Promise<void> {
    await this.#request({ type: 'breakout-help' });
  }
}
