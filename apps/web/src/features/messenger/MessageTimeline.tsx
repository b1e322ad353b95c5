import type { ChatSummary, StoredMessage } from '@parley/client';
import type { Attachment } from '@parley/protocol';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useNow } from '../../app/use-now.ts';
import type { AttachmentSource } from '../../components/attachment-source.ts';
import { MoreIcon } from '../../components/icons.tsx';
import { hasItems, Menu, type MenuItem } from '../../components/Menu.tsx';
import { MessageBubble } from '../../components/MessageBubble.tsx';
import { DaySeparator, SystemNotice } from '../../components/SystemNotice.tsx';
import { UploadBubble } from '../../components/UploadBubble.tsx';
import { CallEntry } from '../calls/CallEntry.tsx';
import { formatClock } from './chat-time.ts';
import { messageActions } from './message-actions.ts';
import { useMessenger } from './messenger-context.ts';
import type { People } from './people.ts';
import { quoteOf } from './quote.ts';
import { summarizeReactions } from './reactions.ts';
import { systemNoticeText } from './system-notice.ts';
import { buildTimeline } from './timeline.ts';
import { useMessageWindow } from './use-message-window.ts';
import { useUploads } from './use-uploads.ts';

export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** What the person can do to a message, handled by the chat screen. */
export interface MessageHandlers {
  reply(message: StoredMessage): void;
  edit(message: StoredMessage): void;
  copy(message: StoredMessage): void;
  forward(message: StoredMessage): void;
  info(message: StoredMessage): void;
  react(message: StoredMessage, emoji: string): void;
  deleteForMe(message: StoredMessage): void;
  deleteForEveryone(message: StoredMessage): void;
  retry(message: StoredMessage): void;
  openImage(attachment: Attachment): void;
  retryUpload(uploadId: string): void;
  removeUpload(uploadId: string): void;
}

interface MessageTimelineProps {
  summary: ChatSummary;
  people: People;
  /** A message to show and mark (from search or a quote); null shows the newest. */
  focusId: string | null;
  handlers: MessageHandlers;
  source: AttachmentSource;
  /** A call entry's Call back failed. */
  onCallError(message: string): void;
}

const nearEdgePx = 400;
const bottomSlackPx = 64;

/**
 * The chat's messages with day separators. Opens at the newest message (or the focused one),
 * loads older pages when scrolled near the top, keeps the view in place while they load, and
 * follows new messages while the person is at the bottom.
 */
export function MessageTimeline({
  summary,
  people,
  focusId,
  handlers,
  source,
  onCallError,
}: MessageTimelineProps) {
  const messenger = useMessenger();
  const chatId = summary.chat.id;
  const navigate = useNavigate();
  const now = useNow();
  const { window, key, loadOlder, loadNewer, showLatest } = useMessageWindow(
    messenger.store,
    chatId,
    focusId,
  );
  const uploads = useUploads(chatId);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const layout = useRef<{ key: string; height: number; top: number; first?: string; last?: string } | null>(
    null,
  );
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [menuRequest, setMenuRequest] = useState<{ id: string; count: number } | null>(null);
  const isGroup = summary.chat.kind === 'group';
  const canSend = !summary.left;

  const entries = useMemo(() => buildTimeline(window?.messages ?? [], now), [window, now]);

  // Where the view should be after each change of what is shown.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !window) return;
    const first = window.messages[0]?.id;
    const last = window.messages.at(-1)?.id;
    const previous = layout.current?.key === key ? layout.current : null;
    const newest = window.messages.at(-1);
    if (previous === null) {
      const target = focusId ? element.querySelector(`[data-message-id="${CSS.escape(focusId)}"]`) : null;
      if (target) {
        target.scrollIntoView({ block: 'center' });
        setHighlighted(focusId);
      } else {
        element.scrollTop = element.scrollHeight;
      }
    } else if (previous.first !== first && previous.last === last) {
      // Older messages came in above: keep what the person was reading where it was.
      element.scrollTop = previous.top + (element.scrollHeight - previous.height);
    } else if (
      !window.hasNewer &&
      (atBottom.current || (previous.last !== last && newest?.own === true && newest.state === 'pending'))
    ) {
      element.scrollTop = element.scrollHeight;
    }
    atBottom.current = isAtBottom(element);
    layout.current = { key, height: element.scrollHeight, top: element.scrollTop, first, last };
    // A first page shorter than the screen cannot be scrolled up to ask for more.
    if (element.scrollHeight <= element.clientHeight && window.hasOlder) loadOlder();
  });

  // Photos decoding and the composer growing change sizes: stay at the bottom if there.
  useEffect(() => {
    const element = scroller.current;
    if (!element || !list.current) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
      if (layout.current) {
        layout.current.height = element.scrollHeight;
        layout.current.top = element.scrollTop;
      }
    });
    observer.observe(element);
    observer.observe(list.current);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), 2500);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element || !window) return;
    atBottom.current = isAtBottom(element);
    setAwayFromBottom(!atBottom.current || window.hasNewer);
    if (layout.current) {
      layout.current.top = element.scrollTop;
      layout.current.height = element.scrollHeight;
    }
    if (element.scrollTop < nearEdgePx && window.hasOlder) loadOlder();
    if (window.hasNewer && element.scrollHeight - element.scrollTop - element.clientHeight < nearEdgePx)
      loadNewer();
  };

  const goToLatest = async () => {
    if (window?.hasNewer) await showLatest();
    atBottom.current = true;
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    setAwayFromBottom(false);
  };

  const showQuoted = (messageId: string) => {
    const element = scroller.current?.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (element) {
      element.scrollIntoView({ block: 'center', behavior: 'smooth' });
      setHighlighted(messageId);
    } else {
      navigate(`/chats/${chatId}?message=${messageId}`, { replace: true });
    }
  };

  const menuFor = (message: StoredMessage): MenuItem[][] => {
    const can = messageActions(message, Date.now(), canSend);
    const item = (on: boolean, label: string, onSelect: () => void, danger = false): MenuItem[] =>
      on ? [{ label, onSelect, danger }] : [];
    return [
      can.react
        ? quickReactions.map((emoji) => ({
            label: `React with ${emoji}`,
            content: emoji,
            onSelect: () => handlers.react(message, emoji),
          }))
        : [],
      [
        ...item(can.reply, 'Reply', () => handlers.reply(message)),
        ...item(can.copy, 'Copy text', () => handlers.copy(message)),
        ...item(can.edit, 'Edit', () => handlers.edit(message)),
        ...item(can.forward, 'Forward', () => handlers.forward(message)),
        ...item(can.info, 'Message info', () => handlers.info(message)),
      ],
      [
        ...item(can.deleteForMe, 'Delete for me', () => handlers.deleteForMe(message), true),
        ...item(
          can.deleteForEveryone,
          'Delete for everyone',
          () => handlers.deleteForEveryone(message),
          true,
        ),
      ],
    ].filter((group) => group.length > 0);
  };

  return (
    <div className="timeline-area">
      <div ref={scroller} className="timeline-scroll" onScroll={onScroll}>
        {window === undefined && (
          <p role="status" className="muted search-status">
            Loading messages…
          </p>
        )}
        {window?.hasOlder === false && window.messages.length === 0 && uploads.length === 0 && (
          <p className="muted search-status">No messages here yet. Say hello!</p>
        )}
        <ol ref={list} className="timeline" aria-label="Messages">
          {entries.map((entry) => {
            if (entry.kind === 'day') return <DaySeparator key={entry.key} label={entry.label} />;
            const { message } = entry;
            if (message.content?.type === 'system' && message.content.system.action === 'call') {
              return (
                <CallEntry
                  key={entry.key}
                  id={message.id}
                  chatId={summary.chat.id}
                  action={message.content.system}
                  outgoing={message.senderId === people.me}
                  time={formatClock(message.sentAt)}
                  onError={onCallError}
                />
              );
            }
            if (message.content?.type === 'system') {
              return (
                <SystemNotice
                  key={entry.key}
                  id={message.id}
                  text={systemNoticeText(message.content.system, message.senderId, people)}
                />
              );
            }
            const groups = menuFor(message);
            const can = messageActions(message, Date.now(), canSend);
            return (
              <MessageBubble
                key={entry.key}
                message={message}
                senderName={
                  isGroup && !message.own && entry.firstOfRun ? people.nameOf(message.senderId) : null
                }
                firstOfRun={entry.firstOfRun}
                quote={quoteOf(message, people)}
                reactions={summarizeReactions(message.reactions, people)}
                time={formatClock(message.sentAt)}
                highlighted={highlighted === message.id}
                source={source}
                menu={
                  hasItems(groups) ? (
                    <Menu
                      label="Message actions"
                      icon={<MoreIcon />}
                      groups={groups}
                      firstGroupInline={can.react}
                      align={message.own ? 'end' : 'start'}
                      openSignal={menuRequest?.id === message.id ? menuRequest.count : 0}
                    />
                  ) : null
                }
                onToggleReaction={can.react ? (emoji) => handlers.react(message, emoji) : null}
                onRetry={() => handlers.retry(message)}
                onOpenImage={handlers.openImage}
                onQuoteClick={() => message.replyTo && showQuoted(message.replyTo.messageId)}
                onContextMenu={() => setMenuRequest((r) => ({ id: message.id, count: (r?.count ?? 0) + 1 }))}
              />
            );
          })}
          {!window?.hasNewer &&
            uploads.map((upload) => (
              <UploadBubble
                key={upload.id}
                files={upload.files}
                voice={upload.voice}
                progress={upload.progress}
                error={upload.error}
                onRetry={() => handlers.retryUpload(upload.id)}
                onRemove={() => handlers.removeUpload(upload.id)}
              />
            ))}
        </ol>
      </div>
      {awayFromBottom && (
        <button type="button" className="jump-to-latest" onClick={goToLatest}>
          Go to latest messages ↓
        </button>
      )}
    </div>
  );
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight < bottomSlackPx;
}
