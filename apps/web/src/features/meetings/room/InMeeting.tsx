import { ApiError, type MeetingRoom, type MeetingRoomError, type MeetingSnapshot } from '@parley/client';
import { meetingReactions } from '@parley/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChatsIcon, GroupIcon, MicIcon } from '../../../components/icons.tsx';
import { readAudioOutput, saveAudioOutput } from './audio-output.ts';
import { BreakoutBar } from './BreakoutBar.tsx';
import { BreakoutPanel } from './BreakoutPanel.tsx';
import { currentBreakoutRoom } from './breakout-banner.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { MeetingHeader } from './MeetingHeader.tsx';
import { MeetingInfoDialog } from './MeetingInfoDialog.tsx';
import { MeetingStage } from './MeetingStage.tsx';
import { MeetingToasts } from './MeetingToasts.tsx';
import { MeetingToolbar, type ToolbarAction } from './MeetingToolbar.tsx';
import {
  BreakoutIcon,
  GalleryIcon,
  GearIcon,
  HandIcon,
  MicOffIcon,
  NoiseIcon,
  ShareScreenIcon,
  SmileIcon,
  SpeakerLayoutIcon,
  VideoIcon,
  VideoOffIcon,
} from './meeting-icons.tsx';
import { failureWords, reconnectWords } from './meeting-words.ts';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { canHost } from './participant-list.ts';
import { RecordIcon } from './RecordIcon.tsx';
import { RemoteAudio } from './RemoteAudio.tsx';
import { recordingControls } from './recording-controls.ts';
import { SettingsDialog } from './SettingsDialog.tsx';
import { SidePanel } from './SidePanel.tsx';
import {
  pickShare,
  pickSpeaker,
  stageLayout,
  tileOrder,
  type ViewMode,
  visibleTiles,
} from './stage-layout.ts';
import { UnmutePrompt } from './UnmutePrompt.tsx';
import { countUnread, lastMessageId } from './unread.ts';
import { useBreakoutNotices } from './use-breakout-notices.ts';
import { useChatDraft } from './use-chat-draft.ts';
import { useElementSize } from './use-element-size.ts';
import { type UnmuteRequest, useMeetingNotices } from './use-meeting-notices.ts';
import { useMeetingToasts } from './use-meeting-toasts.ts';
import { useMutedHint } from './use-muted-hint.ts';
import { useReactions } from './use-reactions.ts';
import { useRecordingNotice } from './use-recording-notice.ts';
import { useViewReporter } from './use-view-reporter.ts';
import { WaitingRoomNotice } from './WaitingRoomNotice.tsx';

interface InMeetingProps {
  room: MeetingRoom;
  snapshot: MeetingSnapshot;
  /** My participant id. */
  me: string;
  /** Ends the meeting for everyone (the host); rejects if the server refused. */
  onEnd(): Promise<void>;
}

type Panel = 'participants' | 'chat' | 'breakouts';
type OpenDialog = 'leave' | 'settings' | 'info';

/** Gaps around the stage's content, in CSS pixels (the stylesheet pads it the same). */
const stagePadding = 8;

const canShareScreen = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;

/** The meeting itself: videos, controls, panels, and everything the server tells along the way. */
export function InMeeting({ room, snapshot, me, onEnd }: InMeetingProps) {
  const { participants, local, chat, waiting, quality } = snapshot;
  const myself = participants.find((p) => p.id === me) ?? null;
  const host = canHost(myself?.role);
  const { toasts, show, dismiss, dismissTopic } = useMeetingToasts();
  const reactions = useReactions(room);
  const draft = useChatDraft(room);
  const stage = useElementSize<HTMLElement>();

  const [mode, setMode] = useState<ViewMode>('gallery');
  const [pages, setPages] = useState({ gallery: 0, strip: 0 });
  const [panel, setPanel] = useState<Panel | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [chosenShare, setChosenShare] = useState<string | null>(null);
  const [lastSpeaker, setLastSpeaker] = useState<string | null>(null);
  // What was said before I came in is not news.
  const [lastSeenChat, setLastSeenChat] = useState(() => lastMessageId(chat));
  const [audioOutput, setAudioOutput] = useState(readAudioOutput);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [resumeSound, setResumeSound] = useState(0);

  /** Runs a room command; a failure (or `done`, on success) becomes a toast. */
  const run = useCallback(
    (kind: MeetingRoomError['kind'], command: () => Promise<void>, done?: string) => {
      command().then(
        () => done !== undefined && show(done),
        (error: unknown) => {
          const words = failureWords(kind, error);
          if (words !== null) show(words);
        },
      );
    },
    [show],
  );
  const runServer = useCallback(
    (command: () => Promise<void>, done?: string) => run('server', command, done),
    [run],
  );
  useBreakoutNotices({ room, show, run: runServer });

  const unmuteRequest = useMeetingNotices({
    room,
    snapshot,
    me,
    panel,
    show,
    dismissTopic,
    openPanel: setPanel,
  });
  const [unmutePromptClosed, setUnmutePromptClosed] = useState<UnmuteRequest | null>(null);
  const unmute = useCallback(() => run('microphone', () => room.setMicrophone(true)), [run, room]);
  useMutedHint({ room, micOn: local.micOn, show, dismissTopic, unmute });
  useRecordingNotice(snapshot.room?.recording ?? null, show);

  // Each breakout room has its own chat: what was said there before I came in is not news either.
  const chatRoom = snapshot.room?.meetingId ?? null;
  const [seenChatRoom, setSeenChatRoom] = useState(chatRoom);
  if (seenChatRoom !== chatRoom) {
    setSeenChatRoom(chatRoom);
    setLastSeenChat(lastMessageId(chat));
  }

  // Chat counts as read while the panel is open.
  useEffect(() => {
    if (panel === 'chat') setLastSeenChat(lastMessageId(chat));
  }, [panel, chat]);

  // The layout.
  const byId = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const order = useMemo(
    () =>
      tileOrder(
        participants.map((p) => p.id),
        me,
      ),
    [participants, me],
  );
  const speaker = pickSpeaker(order, me, snapshot.activeSpeaker, lastSpeaker);
  useEffect(() => {
    if (speaker !== me) setLastSpeaker(speaker);
  }, [speaker, me]);
  const sharers = participants.filter((p) => (p.id === me ? local.screenOn : p.screenOn)).map((p) => p.id);
  const share = pickShare(sharers, me, chosenShare);
  const strip = share !== null || mode === 'speaker';
  const layout = stageLayout({
    order,
    mode,
    speaker,
    share,
    page: strip ? pages.strip : pages.gallery,
    area: {
      width: Math.max(0, stage.size.width - 2 * stagePadding),
      height: Math.max(0, stage.size.height - 2 * stagePadding),
    },
  });
  const measure = useViewReporter(room, visibleTiles(layout, me));

  const videos = useMemo(() => {
    const map = new Map<string, MediaStream>();
    for (const track of snapshot.remoteTracks) {
      if (track.kind === 'video') map.set(`${track.participantId}:${track.source}`, track.stream);
    }
    return map;
  }, [snapshot.remoteTracks]);
  const camera = local.tracks.camera;
  const localStream = useMemo(() => (camera ? new MediaStream([camera]) : null), [camera]);

  // The toolbar, most needed first: what does not fit goes into More.
  const unread = panel === 'chat' ? 0 : countUnread(chat, lastSeenChat, me);
  const handRaised = myself?.handRaisedAt != null;
  const togglePanel = (which: Panel) => setPanel((open) => (open === which ? null : which));
  const actions: ToolbarAction[] = [
    {
      id: 'mic',
      label: local.micOn ? 'Mute' : 'Unmute',
      icon: local.micOn ? <MicIcon /> : <MicOffIcon />,
      alert: !local.micOn,
      onSelect: () => run('microphone', () => room.setMicrophone(!local.micOn)),
    },
    {
      id: 'camera',
      label: local.cameraOn ? 'Stop video' : 'Start video',
      icon: local.cameraOn ? <VideoIcon /> : <VideoOffIcon />,
      alert: !local.cameraOn,
      onSelect: () => run('camera', () => room.setCamera(!local.cameraOn)),
    },
    {
      id: 'participants',
      label: `Participants (${participants.length})`,
      text: 'Participants',
      icon: <GroupIcon />,
      count: participants.length,
      attention: host && waiting.length > 0,
      pressed: panel === 'participants',
      onSelect: () => togglePanel('participants'),
    },
    {
      id: 'chat',
      label: unread > 0 ? `Chat (${unread} unread)` : 'Chat',
      text: 'Chat',
      icon: <ChatsIcon />,
      count: unread,
      attention: unread > 0,
      pressed: panel === 'chat',
      onSelect: () => togglePanel('chat'),
    },
  ];
  if (canShareScreen || local.screenOn) {
    actions.push({
      id: 'share',
      label: local.screenOn ? 'Stop sharing' : 'Share screen',
      icon: <ShareScreenIcon />,
      onSelect: () => {
        if (local.screenOn) return run('screen', () => room.stopScreenShare());
        // Say so before the browser asks what to share, rather than after.
        if (sharers.some((id) => id !== me) && !snapshot.room?.multiShare) {
          return run('screen', () => Promise.reject(ApiError.of('SCREEN_SHARE_TAKEN', 'taken')));
        }
        run('screen', () => room.startScreenShare());
      },
    });
  }
  if (host && snapshot.room) {
    for (const control of recordingControls(snapshot.room.recording)) {
      actions.push({
        id: `record-${control.action}`,
        label: control.label,
        icon: <RecordIcon action={control.action} />,
        onSelect: () => run('server', () => room.record(control.action)),
      });
    }
  }
  if (host) {
    const help = snapshot.breakouts?.help.length ?? 0;
    actions.push({
      id: 'breakouts',
      label: help > 0 ? `Breakout rooms (${help} asking for help)` : 'Breakout rooms',
      text: 'Breakout rooms',
      icon: <BreakoutIcon />,
      count: help,
      attention: help > 0,
      pressed: panel === 'breakouts',
      onSelect: () => togglePanel('breakouts'),
    });
  }
  actions.push(
    {
      id: 'reactions',
      label: 'Reactions',
      icon: <SmileIcon />,
      onSelect: () => {},
      items: meetingReactions.map((emoji) => ({
        label: emoji,
        onSelect: () => run('server', () => room.react(emoji)),
      })),
    },
    {
      id: 'hand',
      label: handRaised ? 'Lower hand' : 'Raise hand',
      icon: <HandIcon />,
      onSelect: () => run('server', () => room.raiseHand(!handRaised)),
    },
    {
      id: 'view',
      label: mode === 'gallery' ? 'Speaker view' : 'Gallery view',
      icon: mode === 'gallery' ? <SpeakerLayoutIcon /> : <GalleryIcon />,
      onSelect: () => setMode((current) => (current === 'gallery' ? 'speaker' : 'gallery')),
    },
  );
  if (room.noiseSuppressionSupported) {
    actions.push({
      id: 'noise',
      label: 'Noise suppression',
      text: 'Noise',
      menuLabel: local.noiseSuppression ? 'Turn off noise suppression' : 'Turn on noise suppression',
      icon: <NoiseIcon />,
      pressed: local.noiseSuppression,
      onSelect: () => run('noise-suppression', () => room.setNoiseSuppression(!local.noiseSuppression)),
    });
  }
  actions.push({
    id: 'settings',
    label: 'Settings',
    icon: <GearIcon />,
    onSelect: () => setDialog('settings'),
  });

  const status = snapshot.status;
  const myQuality = quality.local?.quality ?? quality.participants[me] ?? null;
  return (
    <div className={panel === null ? 'meeting' : 'meeting with-panel'}>
      <MeetingHeader
        room={snapshot.room}
        breakoutRoom={currentBreakoutRoom(snapshot.breakouts)?.name ?? null}
        quality={myQuality}
        onInfo={() => setDialog('info')}
      />
      <BreakoutBar room={room} state={snapshot.breakouts} host={host} run={runServer} />
      {status.status === 'reconnecting' && (
        <p role="status" className="meeting-banner">
          {reconnectWords(status)}
        </p>
      )}
      {soundBlocked && (
        <div className="meeting-banner info">
          <span>Your browser is holding back the sound of the meeting.</span>
          <button
            type="button"
            className="button small primary"
            onClick={() => {
              setSoundBlocked(false);
              setResumeSound((n) => n + 1);
            }}
          >
            Turn on sound
          </button>
        </div>
      )}
      <div className="meeting-body">
        <MeetingStage
          layout={layout}
          me={me}
          participants={byId}
          local={local}
          localStream={localStream}
          videos={videos}
          activeSpeaker={snapshot.activeSpeaker}
          reactions={reactions}
          quality={quality.participants}
          sharers={sharers}
          onShowShare={setChosenShare}
          onPage={(page) =>
            setPages((current) => (strip ? { ...current, strip: page } : { ...current, gallery: page }))
          }
          measure={measure}
          stageRef={stage.ref}
        />
        {host && panel !== 'participants' && (
          <WaitingRoomNotice
            waiting={waiting}
            onAdmit={(participantId) => run('server', () => room.admit(participantId))}
            onOpen={() => setPanel('participants')}
          />
        )}
        {panel === 'participants' && myself && (
          <SidePanel title={`Participants (${participants.length})`} onClose={() => setPanel(null)}>
            <ParticipantsPanel
              room={room}
              me={myself}
              participants={participants}
              waiting={waiting}
              roomState={snapshot.room}
              local={local}
              quality={quality.participants}
              run={(command, done) => run('server', command, done)}
            />
          </SidePanel>
        )}
        {panel === 'chat' && (
          <SidePanel title="Chat" onClose={() => setPanel(null)}>
            <ChatPanel room={room} me={me} participants={participants} messages={chat} draft={draft} />
          </SidePanel>
        )}
        {panel === 'breakouts' && host && (
          <SidePanel title="Breakout rooms" onClose={() => setPanel(null)}>
            <BreakoutPanel
              room={room}
              state={snapshot.breakouts}
              me={me}
              participants={participants.filter((p) => !canHost(p.role)).length}
              run={runServer}
            />
          </SidePanel>
        )}
      </div>
      <MeetingToolbar actions={actions} onLeave={() => setDialog('leave')} />
      <RemoteAudio
        tracks={snapshot.remoteTracks}
        sinkId={audioOutput}
        onBlocked={() => setSoundBlocked(true)}
        resumeSignal={resumeSound}
      />
      {/* A toast about what an open panel shows would say it twice. */}
      <MeetingToasts toasts={toasts.filter((toast) => toast.topic !== panel)} onDismiss={dismiss} />
      {dialog === 'leave' && (
        <LeaveDialog
          isHost={myself?.role === 'host'}
          onLeave={() => room.leave()}
          onEnd={() =>
            onEnd().catch((error: unknown) => {
              setDialog(null);
              show(failureWords('server', error) ?? 'The meeting could not be ended. Try again.');
            })
          }
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'settings' && (
        <SettingsDialog
          local={local}
          audioOutput={audioOutput}
          onSwitch={(kind, deviceId) =>
            run(kind === 'audioinput' ? 'microphone' : 'camera', () => room.switchDevice(kind, deviceId))
          }
          onAudioOutput={(deviceId) => {
            saveAudioOutput(deviceId);
            setAudioOutput(deviceId);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'info' && snapshot.room && (
        <MeetingInfoDialog room={snapshot.room} onClose={() => setDialog(null)} />
      )}
      {unmuteRequest !== null && unmuteRequest !== unmutePromptClosed && dialog === null && (
        <UnmutePrompt
          by={unmuteRequest.by}
          onUnmute={unmute}
          onClose={() => setUnmutePromptClosed(unmuteRequest)}
        />
      )}
    </div>
  );
}
