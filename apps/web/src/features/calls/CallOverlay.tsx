import { useSignedInSession } from '../../app/session-context.ts';
import { useChat } from '../messenger/use-chats.ts';
import { callParty } from './call-party.ts';
import type { CallsApi, CallView } from './calls-api.ts';
import { InCallScreen } from './InCallScreen.tsx';
import { IncomingCallScreen } from './IncomingCallScreen.tsx';
import { useCallAlert } from './use-call-alert.ts';
import { useCalls } from './use-calls.ts';
import './Calls.css';

/** The call on this device, above any page: ringing here, or in progress. */
export function CallOverlay() {
  const calls = useCalls();
  const view = calls?.current ?? null;
  if (calls === null || view === null) return null;
  return <CallScreen calls={calls} view={view} />;
}

function CallScreen({ calls, view }: { calls: CallsApi; view: CallView }) {
  const { me } = useSignedInSession();
  const chat = useChat(view.call.chatId)?.chat ?? null;
  const party = callParty(view, chat, me.id);
  useCallAlert(view, party, calls.waiting !== null);
  if (view.phase === 'incoming') return <IncomingCallScreen calls={calls} view={view} party={party} />;
  return <InCallScreen calls={calls} view={view} party={party} />;
}
