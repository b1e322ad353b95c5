import type { ChatSummary, StoredMessage } from '@parley/client';
import type { Attachment } from '@parley/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useNow } from '../../app/use-now.ts';
import type { AttachmentSource } from '../../components/attachment-source.ts';
import { ChatHeader } from '../../components/ChatHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ChatsIcon } from '../../components/icons.tsx';
import { CallButtons } from '../calls/CallButtons.tsx';
import { JoinCallBanner } from '../calls/JoinCallBanner.tsx';
import { ChatComposer } from './ChatComposer.tsx';
import { ContactInfoDialog } from './ContactInfoDialog.tsx';
import { formatLastSeen } from './chat-time.ts';
import { ForwardDialog } from './ForwardDialog.tsx';
import { GroupInfoDialog } from './GroupInfoDialog.tsx';
import { ImageViewer } from './ImageViewer.tsx';
import { InChatSearch } from './InChatSearch.tsx';
import { MessageInfoDialog } from './MessageInfoDialog.tsx';
import { type MessageHandlers, MessageTimeline } from './MessageTimeline.tsx';
import { copyableText } from './message-actions.ts';
import { useMessenger, useMessengerContext } from './messenger-context.ts';
import { chatAvatarUrl, chatTitle, otherMember, type People } from './people.ts';
import { myReaction } from './reactions.ts';
import { retryUpload } from './send-files.ts';
import { typingText } from './typing-words.ts';
import { useChat, usePeople } from './use-chats.ts';
import { usePresence, useTyping } from './use-messenger-events.ts';
import './ChatView.css';

/** The route /chats/:chatId: the chat, or why it cannot be shown. */
export function ChatScreen() {
  const { chatId = '' } = useParams();
  const summary = useChat(chatId);
  if (summary === undefined) {
    return (
      <p role="status" className="muted search-status">
        Opening chat…
      </p>
    );
  }
  if (summary === null) {
    return (
      <div className="no-chat">
        <EmptyState icon={<ChatsIcon />} title="Chat not found">
          This chat isn’t on this device. <Link to="/chats">Back to chats</Link>
        </EmptyState>
      </div>
    );
  }
  return <ChatView key={chatId} summary={summary} />;
}

type Overlay =
  | { kind: 'forward'; message: StoredMessage }
  | { kind: 'info'; message: StoredMessage }
  | { kind: 'image'; attachment: Attachment }
  | { kind: 'chat-info' };

function ChatView({ summary }: { summary: ChatSummary }) {
  const messenger = useMessenger();
  const { uploads } = useMessengerContext();
  const people = usePeople();
  const { chat } = summary;
  const [searchParams] = useSearchParams();
  const focusId = searchParams.get('message');
  const [replyTo, setReplyTo] = useState<StoredMessage | null>(null);
  const [editing, setEditing] = useState<StoredMessage | null>(null);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const title = chatTitle(chat, people.me);
  useDocumentTitle(title);

  // The chat on screen: its messages are read while the page is visible.
  useEffect(() => {
    void messenger.openChat(chat.id);
    return () => void messenger.openChat(null);
  }, [messenger, chat.id]);

  // A change the server refused later (edit window passed, no longer a member).
  useEffect(
    () =>
      messenger.on('rejected', ({ op, error: refusal }) => {
        if (op.chatId === chat.id) setError(describeError(refusal));
      }),
    [messenger, chat.id],
  );

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((caught: unknown) => setError(describeError(caught)));
  };

  const handlers: MessageHandlers = {
    reply(message) {
      setEditing(null);
      setReplyTo(message);
      input.current?.focus();
    },
    edit(message) {
      setReplyTo(null);
      setEditing(message);
      input.current?.focus();
    },
    copy(message) {
      const text = copyableText(message);
      if (text !== null) run(() => navigator.clipboard.writeText(text));
    },
    forward: (message) => setOverlay({ kind: 'forward', message }),
    info: (message) => setOverlay({ kind: 'info', message }),
    react(message, emoji) {
      run(() =>
        messenger.react(message.id, myReaction(message.reactions, people.me) === emoji ? null : emoji),
      );
    },
    deleteForMe: (message) => run(() => messenger.deleteForMe(message.id)),
    deleteForEveryone: (message) => run(() => messenger.deleteForEveryone(message.id)),
    retry: (message) => run(() => messenger.retry(message.id)),
    openImage: (attachment) => setOverlay({ kind: 'image', attachment }),
    retryUpload: (id) => retryUpload(messenger, uploads, id),
    removeUpload: (id) => uploads.remove(id),
  };

  const source: AttachmentSource = useMemo(
    () => ({
      preview: (attachment) => messenger.attachments.preview(attachment),
      file: (attachment) => messenger.attachments.get(attachment),
    }),
    [messenger],
  );

  const status = useChatStatus(summary, people);
  const other = otherMember(chat, people.me);
  return (
    <div className="chat-view">
      <ChatHeader
        title={title}
        avatarUrl={chatAvatarUrl(chat, people.me, 'small')}
        subtitle={status.text}
        activity={status.activity}
        infoLabel={chat.kind === 'group' ? 'Group info' : 'Contact info'}
        onOpenInfo={() => setOverlay({ kind: 'chat-info' })}
        searchOpen={searching}
        onToggleSearch={() => setSearching((open) => !open)}
        actions={summary.left ? null : <CallButtons chatId={chat.id} onError={setError} />}
      />
      {!summary.left && <JoinCallBanner chatId={chat.id} onError={setError} />}
      {searching && <InChatSearch chatId={chat.id} people={people} onClose={() => setSearching(false)} />}
      {error !== null && (
        <div className="chat-alert">
          <ErrorAlert message={error} />
        </div>
      )}
      <MessageTimeline
        summary={summary}
        people={people}
        focusId={focusId}
        handlers={handlers}
        source={source}
        onCallError={setError}
      />
      <ChatComposer
        chatId={chat.id}
        left={summary.left}
        people={people}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        editing={editing}
        onCancelEdit={() => setEditing(null)}
        inputRef={input}
      />
      {overlay?.kind === 'forward' && (
        <ForwardDialog message={overlay.message} onClose={() => setOverlay(null)} />
      )}
      {overlay?.kind === 'info' && (
        <MessageInfoDialog message={overlay.message} onClose={() => setOverlay(null)} />
      )}
      {overlay?.kind === 'image' && (
        <ImageViewer attachment={overlay.attachment} source={source} onClose={() => setOverlay(null)} />
      )}
      {overlay?.kind === 'chat-info' &&
        (chat.kind === 'group' ? (
          <GroupInfoDialog summary={summary} me={people.me} onClose={() => setOverlay(null)} />
        ) : other !== null ? (
          <ContactInfoDialog user={other} presence={status.presence} onClose={() => setOverlay(null)} />
        ) : null)}
    </div>
  );
}

/** The header's second line: who is typing, else presence (direct) or the members (group). */
function useChatStatus(summary: ChatSummary, people: People) {
  const messenger = useMessenger();
  const { chat } = summary;
  const now = useNow(30_000);
  const other = otherMember(chat, people.me);
  const presence = formatLastSeen(usePresence(messenger, other?.id ?? null), now);
  const typing = typingText(useTyping(messenger, chat.id), chat.kind === 'group', people);
  if (typing !== null) return { text: typing, activity: true, presence };
  if (chat.kind === 'direct') return { text: presence, activity: false, presence };
  const names = chat.members
    .filter((member) => member.user.id !== people.me)
    .map((member) => people.nameOf(member.user.id));
  const inGroup = summary.left ? names : [...names, 'You'];
  return { text: inGroup.join(', '), activity: false, presence };
}
