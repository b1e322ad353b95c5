import { useDocumentTitle } from '../../app/use-document-title.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { MeetingsIcon } from '../../components/icons.tsx';

export function MeetingsPage() {
  useDocumentTitle('Meetings');
  return (
    <div className="page">
      <h1>Meetings</h1>
      <EmptyState icon={<MeetingsIcon />} title="No meetings yet">
        Meetings you host or join will appear here.
      </EmptyState>
    </div>
  );
}
