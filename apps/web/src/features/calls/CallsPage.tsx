import type { CallHistory, CallHistoryEntry, Chat } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useNow } from '../../app/use-now.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CallInIcon, CallOutIcon, PhoneIcon, VideoCallIcon } from '../../components/icons.tsx';
import { ListLoading } from '../../components/ListLoading.tsx';
import { formatMoment } from '../messenger/chat-time.ts';
import { chatAvatarUrl, chatTitle, personName } from '../messenger/people.ts';
import { useChats } from '../messenger/use-chats.ts';
import { describeCallError } from './call-errors.ts';
import { callKind, historyText } from './call-words.ts';
import { loadCallHistory } from './calls-api.ts';
import { useCalls } from './use-calls.ts';
import './Calls.css';

/** The route /calls: my incoming, outgoing and missed calls, newest first, with Call back. */
export function CallsPage() {
  useDocumentTitle('Calls');
  const { api, me } = useSignedInSession();
  const calls = useCalls();
  const chats = useChats();
  const now = useNow();
  const [history, setHistory] = useState<CallHistory | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  // A call that just ended joins the list: reload when this device's call goes away.
  const inCall = calls?.current != null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` and `inCall` say when to load again
  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    loadCallHistory(api).then(
      (page) => !cancelled && setHistory(page),
      (caught: unknown) => !cancelled && setLoadError(describeError(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, reloads, inCall]);

  const loadMore = (before: string) => {
    setLoadingMore(true);
    loadCallHistory(api, before)
      .then(
        (page) =>
          setHistory((current) => ({
            calls: [...(current?.calls ?? []), ...page.calls],
            nextBefore: page.nextBefore,
          })),
        (caught: unknown) => setError(describeError(caught)),
      )
      .finally(() => setLoadingMore(false));
  };

  const chatOf = (chatId: string): Chat | null =>
    chats?.find((summary) => summary.chat.id === chatId)?.chat ?? null;

  return (
    <div className="page">
      <h1>Calls</h1>
      <ErrorAlert message={error} />
      {history === null ? (
        <ListLoading what="calls" error={loadError} onRetry={() => setReloads((n) => n + 1)} />
      ) : history.calls.length === 0 ? (
        <EmptyState icon={<PhoneIcon />} title="No calls yet">
          Start a voice or video call from a chat with the buttons at its top. Your calls appear here.
        </EmptyState>
      ) : (
        <>
          <ul className="call-history" aria-label="Recent calls">
            {history.calls.map((entry) => (
              <CallRow
                key={entry.call.id}
                entry={entry}
                chat={chatOf(entry.call.chatId)}
                me={me.id}
                when={formatMoment(entry.call.startedAt, now)}
                canCall={calls !== null && calls.current === null}
                onCallBack={() =>
                  calls
                    ?.start(entry.call.chatId, entry.call.media)
                    .catch((caught: unknown) => setError(describeCallError(caught)))
                }
              />
            ))}
          </ul>
          {history.nextBefore !== null && (
            <button
              type="button"
              className="button secondary list-action"
              disabled={loadingMore}
              onClick={() => history.nextBefore && loadMore(history.nextBefore)}
            >
              {loadingMore ? 'Loading…' : 'Older calls'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

interface CallRowProps {
  entry: CallHistoryEntry;
  chat: Chat | null;
  me: string;
  when: string;
  canCall: boolean;
  onCallBack(): void;
}

function CallRow({ entry, chat, me, when, canCall, onCallBack }: CallRowProps) {
  const name = chat !== null ? chatTitle(chat, me) : personName(entry.call.caller);
  const avatarUrl = chat !== null ? chatAvatarUrl(chat, me, 'small') : null;
  return (
    <li className="call-history-row">
      <Avatar name={name} url={avatarUrl} size="small" alt="" />
      <Link to={`/chats/${entry.call.chatId}`} className="call-history-main">
        <span className="call-history-name">{name}</span>
        <span className={entry.missed ? 'call-history-line call-missed' : 'call-history-line'}>
          {entry.direction === 'outgoing' ? <CallOutIcon /> : <CallInIcon />}
          {historyText(entry)}
        </span>
        <span className="call-history-time muted">{when}</span>
      </Link>
      <button
        type="button"
        className="icon-button"
        aria-label={`Call back: ${callKind(entry.call.media).toLowerCase()} to ${name}`}
        title="Call back"
        disabled={!canCall}
        onClick={onCallBack}
      >
        {entry.call.media === 'video' ? <VideoCallIcon /> : <PhoneIcon />}
      </button>
    </li>
  );
}
