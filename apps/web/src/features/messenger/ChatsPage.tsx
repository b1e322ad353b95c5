import { useDocumentTitle } from '../../app/use-document-title.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ChatsIcon } from '../../components/icons.tsx';

export function ChatsPage() {
  useDocumentTitle('Chats');
  return (
    <div className="page">
      <h1>Chats</h1>
      <EmptyState icon={<ChatsIcon />} title="No chats yet">
        Your conversations will appear here.
      </EmptyState>
    </div>
  );
}
