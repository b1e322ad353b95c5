import { useDocumentTitle } from '../../app/use-document-title.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ChatsIcon } from '../../components/icons.tsx';

/** The right-hand side on wide screens before a chat is chosen (the list alone on phones). */
export function NoChatSelected() {
  useDocumentTitle('Chats');
  return (
    <div className="no-chat">
      <EmptyState icon={<ChatsIcon />} title="Choose a chat">
        Pick a conversation on the left, or start a new one.
      </EmptyState>
    </div>
  );
}
