import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { showNotification } from '../messenger/notification-permission.ts';
import type { CallParty } from './call-party.ts';
import { playCallTone } from './call-tones.ts';
import { callKind, incomingCallText } from './call-words.ts';
import type { CallView } from './calls-api.ts';

/**
 * Rings while a call rings here, plays the ringback while my call rings elsewhere, and beeps while
 * another call waits. A call ringing here also names the caller in the tab's title and, while the
 * tab is in the background, in a browser notification (if the person allowed them), which says
 * "Missed video call" if it stops ringing unanswered.
 */
export function useCallAlert(view: CallView, party: CallParty, waiting: boolean): void {
  const { phase } = view;
  const tone =
    phase === 'incoming'
      ? 'ring'
      : phase === 'outgoing'
        ? 'ringback'
        : waiting && phase !== 'ended'
          ? 'waiting'
          : null;
  useEffect(() => (tone ? playCallTone(tone) : undefined), [tone]);

  const ringing = phase === 'incoming';
  const callerName = party.name;
  useEffect(() => {
    if (!ringing) return;
    const before = document.title;
    document.title = `${callerName} is calling… · Parley`;
    return () => {
      document.title = before;
    };
  }, [ringing, callerName]);

  const { id } = view.call;
  const body = incomingCallText(view.call);
  const icon = party.avatarUrl ?? '/favicon.svg';
  useEffect(() => {
    if (!ringing) return;
    let shown: Notification | null = null;
    // Shown when the tab goes to the background while it rings, gone when it comes back.
    const follow = () => {
      if (document.visibilityState === 'visible') {
        shown?.close();
        shown = null;
        return;
      }
      shown ??= showNotification(callerName, {
        body,
        icon,
        tag: `call-${id}`,
        // A call is answered from the page: the notification stays until the ringing stops.
        requireInteraction: true,
      });
    };
    follow();
    document.addEventListener('visibilitychange', follow);
    return () => {
      document.removeEventListener('visibilitychange', follow);
      shown?.close();
    };
  }, [ringing, callerName, body, icon, id]);

  const navigate = useNavigate();
  const { chatId, media } = view.call;
  const missed =
    phase === 'ended' &&
    view.direction === 'incoming' &&
    (view.endedReason === 'missed' || view.endedReason === 'cancelled');
  useEffect(() => {
    if (!missed || document.visibilityState === 'visible') return;
    // The same tag: it takes the place of the ringing one.
    showNotification(
      callerName,
      { body: `Missed ${callKind(media).toLowerCase()}`, icon, tag: `call-${id}` },
      () => navigate(`/chats/${chatId}`),
    );
  }, [missed, callerName, media, icon, id, chatId, navigate]);
}
