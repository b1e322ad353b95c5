import { Outlet, useParams } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ChatListPane } from './ChatListPane.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { type MessengerState, useMessengerContext } from './messenger-context.ts';
import './ChatsPage.css';

/**
 * Chats: the list and the open chat side by side on wide screens; on phones one at a time
 * (the route says which), the chat with a back button.
 */
export function ChatsPage() {
  const { chatId } = useParams();
  const { state } = useMessengerContext();
  const layout = `chats-page${chatId === undefined ? '' : ' has-chat'}`;
  if (state.status !== 'open') {
    return <ChatsUnavailable layout={layout} state={state} />;
  }
  return (
    <div className={layout}>
      <ConnectionStatus />
      <aside className="chat-list-pane" aria-label="Chat list">
        <ChatListPane activeChatId={chatId ?? null} />
      </aside>
      <section className="chat-pane" aria-label="Chat">
        <Outlet />
      </section>
    </div>
  );
}

/** While the history opens, or when it could not be opened. */
function ChatsUnavailable({
  layout,
  state,
}: {
  layout: string;
  state: Exclude<MessengerState, { status: 'open' }>;
}) {
  useDocumentTitle('Chats');
  return (
    <div className={layout}>
      <aside className="chat-list-pane">
        <header className="pane-header">
          <h1>Chats</h1>
        </header>
        {state.status === 'failed' ? (
          <div className="pane-scroll stack">
            <ErrorAlert message={`Your chats could not be opened. ${describeError(state.error)}`} />
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        ) : (
          <p role="status" className="muted search-status">
            Opening your chats…
          </p>
        )}
      </aside>
    </div>
  );
}
