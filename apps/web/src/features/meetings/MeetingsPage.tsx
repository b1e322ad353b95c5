import type { Meeting, MeetingList } from '@parley/protocol';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useNow } from '../../app/use-now.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MeetingsIcon } from '../../components/icons.tsx';
import { ListLoading } from '../../components/ListLoading.tsx';
import { MeetingCard, type MeetingDetail } from '../../components/MeetingCard.tsx';
import { StatusToast } from '../../components/StatusToast.tsx';
import { useToast } from '../../components/use-toast.ts';
import { RecordingsSection } from '../recordings/RecordingsSection.tsx';
import { DeleteMeetingDialog } from './DeleteMeetingDialog.tsx';
import { MeetingChatDialog } from './MeetingChatDialog.tsx';
import {
  formatMeetingCode,
  formatMeetingLength,
  formatMeetingWhen,
  invitationText,
  joinPath,
} from './meeting-format.ts';
import { randomPasscode } from './passcode.ts';
import { ScheduleMeetingDialog } from './ScheduleMeetingDialog.tsx';
import './MeetingsPage.css';

type OpenDialog =
  | { kind: 'schedule' }
  | { kind: 'delete'; meeting: Meeting }
  | { kind: 'chat'; meeting: Meeting };

/** Meetings I host or joined: start one now, schedule one, share, start, delete, read past chats. */
export function MeetingsPage() {
  useDocumentTitle('Meetings');
  const { api, me } = useSignedInSession();
  const navigate = useNavigate();
  const now = useNow();
  const toast = useToast();
  const [list, setList] = useState<MeetingList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const upcomingId = useId();
  const pastId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for the list again
  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    api.listMeetings().then(
      (found) => !cancelled && setList(found),
      (caught: unknown) => !cancelled && setLoadError(describeError(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, reloads]);

  async function startNow() {
    setStarting(true);
    setError(null);
    try {
      const meeting = await api.createMeeting({
        title: me.displayName ? `${me.displayName}’s meeting` : 'Instant meeting',
        passcode: randomPasscode(),
        waitingRoom: true,
        allowGuests: true,
      });
      navigate(joinPath(meeting.joinUrl));
    } catch (caught) {
      setError(describeError(caught));
      setStarting(false);
    }
  }

  async function copy(text: string, done: string) {
    setError(null);
    try {
      await navigator.clipboard.writeText(text);
      toast.show(done);
    } catch {
      setError('Parley couldn’t copy to the clipboard. Select the text and copy it yourself.');
    }
  }

  function invitation(meeting: Meeting): string {
    return invitationText({
      title: meeting.title,
      hostName: meeting.isOwner ? me.displayName : null,
      joinUrl: meeting.joinUrl,
      code: meeting.code,
      passcode: meeting.passcode,
      when: meeting.scheduledFor === null ? null : formatMeetingWhen(meeting, now),
    });
  }

  function removed(meeting: Meeting) {
    setDialog(null);
    setList((current) =>
      current === null
        ? null
        : {
            upcoming: current.upcoming.filter((m) => m.id !== meeting.id),
            past: current.past.filter((m) => m.id !== meeting.id),
          },
    );
    toast.show('Meeting deleted');
  }

  const deleteButton = (meeting: Meeting) =>
    meeting.isOwner && (
      <button
        type="button"
        className="button secondary small"
        onClick={() => setDialog({ kind: 'delete', meeting })}
      >
        Delete
      </button>
    );

  const empty = list !== null && list.upcoming.length === 0 && list.past.length === 0;

  return (
    <div className="page">
      <div className="meetings-header">
        <h1>Meetings</h1>
        <div className="meetings-toolbar">
          <button type="button" className="button primary" disabled={starting} onClick={startNow}>
            {starting ? 'Starting…' : 'New meeting'}
          </button>
          <button type="button" className="button secondary" onClick={() => setDialog({ kind: 'schedule' })}>
            Schedule
          </button>
          <button type="button" className="button secondary" onClick={() => navigate('/join')}>
            Join with an ID
          </button>
        </div>
      </div>
      <ErrorAlert message={error} />

      {list === null ? (
        <ListLoading what="meetings" error={loadError} onRetry={() => setReloads((n) => n + 1)} />
      ) : empty ? (
        <EmptyState icon={<MeetingsIcon />} title="No meetings yet">
          Start a meeting now with “New meeting”, or plan one with “Schedule”. Meetings you host or join
          appear here.
        </EmptyState>
      ) : (
        <>
          <section className="meetings-section" aria-labelledby={upcomingId}>
            <h2 id={upcomingId}>Upcoming</h2>
            {list.upcoming.length === 0 ? (
              <p className="muted">Nothing planned. Schedule a meeting to see it here.</p>
            ) : (
              <ul className="meeting-list">
                {list.upcoming.map((meeting) => (
                  <MeetingCard
                    key={meeting.id}
                    title={meeting.title}
                    when={formatMeetingWhen(meeting, now)}
                    badge={meeting.startedAt !== null ? 'In progress' : undefined}
                    details={upcomingDetails(meeting)}
                  >
                    <button
                      type="button"
                      className="button primary small"
                      onClick={() => navigate(joinPath(meeting.joinUrl))}
                    >
                      {meeting.isOwner ? 'Start' : 'Join'}
                    </button>
                    <button
                      type="button"
                      className="button secondary small"
                      onClick={() => copy(meeting.joinUrl, 'Link copied')}
                    >
                      Copy link
                    </button>
                    <button
                      type="button"
                      className="button secondary small"
                      onClick={() => copy(invitation(meeting), 'Invitation copied')}
                    >
                      Copy invitation
                    </button>
                    {deleteButton(meeting)}
                  </MeetingCard>
                ))}
              </ul>
            )}
          </section>
          {list.past.length > 0 && (
            <section className="meetings-section" aria-labelledby={pastId}>
              <h2 id={pastId}>Past</h2>
              <ul className="meeting-list">
                {list.past.map((meeting) => (
                  <MeetingCard
                    key={meeting.id}
                    title={meeting.title}
                    when={formatMeetingWhen(meeting, now)}
                    details={pastDetails(meeting)}
                  >
                    <button
                      type="button"
                      className="button secondary small"
                      onClick={() => setDialog({ kind: 'chat', meeting })}
                    >
                      Chat
                    </button>
                    {deleteButton(meeting)}
                  </MeetingCard>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <RecordingsSection />

      {dialog?.kind === 'schedule' && (
        <ScheduleMeetingDialog
          onClose={() => setDialog(null)}
          onScheduled={() => {
            setDialog(null);
            setReloads((n) => n + 1);
            toast.show('Meeting scheduled');
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteMeetingDialog
          meeting={dialog.meeting}
          onClose={() => setDialog(null)}
          onDeleted={() => removed(dialog.meeting)}
        />
      )}
      {dialog?.kind === 'chat' && (
        <MeetingChatDialog meeting={dialog.meeting} onClose={() => setDialog(null)} />
      )}
      <StatusToast message={toast.message} />
    </div>
  );
}

function upcomingDetails(meeting: Meeting): MeetingDetail[] {
  const details: MeetingDetail[] = [{ label: 'Meeting ID', value: formatMeetingCode(meeting.code) }];
  if (meeting.passcode !== null) details.push({ label: 'Passcode', value: meeting.passcode });
  details.push({ label: 'Meeting link', value: meeting.joinUrl, wide: true });
  return details;
}

function pastDetails(meeting: Meeting): MeetingDetail[] {
  const details: MeetingDetail[] = [{ label: 'Meeting ID', value: formatMeetingCode(meeting.code) }];
  const { metrics } = meeting;
  if (metrics !== null) {
    details.push(
      { label: 'Duration', value: formatMeetingLength(metrics.durationSeconds) },
      { label: 'Most participants', value: metrics.maxParticipants.toLocaleString('en') },
      { label: 'Chat messages', value: metrics.chatMessages.toLocaleString('en') },
    );
  }
  return details;
}
