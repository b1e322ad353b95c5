import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error.ts';
import {
  callHarness,
  callId,
  callOf,
  chatId,
  connectionOf,
  myDeviceId,
  myUserId,
  otherDeviceId,
  otherUserId,
} from '../testing/call-harness.ts';

const offerSdp =
  'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n';
const answerSdp = 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

/** A call ringing here, from Alice. */
function ringing() {
  const h = callHarness();
  h.emit('call-incoming', callOf());
  return h;
}

const answeredHere = callOf({
  state: 'active',
  answeredDeviceId: myDeviceId,
  participantIds: [otherUserId, myUserId],
});

/** I called Alice; she answered on her phone. */
async function outgoingAnswered(media: 'audio' | 'video' = 'audio') {
  const h = callHarness();
  const mine = callOf({
    caller: { id: myUserId, phone: '+1555', displayName: 'Me', about: '', avatar: null },
  });
  mine.participantIds = [myUserId];
  mine.media = media;
  h.answer('call-start', connectionOf(mine));
  await h.calls.start(chatId, media);
  h.emit('call-updated', {
    ...mine,
    state: 'active',
    answeredDeviceId: otherDeviceId,
    participantIds: [myUserId, otherUserId],
  });
  await h.settle();
  return h;
}

describe('Calls: ringing', () => {
  it('rings, accepts, answers the offer and connects', async () => {
    const h = ringing();
    expect(h.calls.current).toMatchObject({ phase: 'incoming', direction: 'incoming' });
    expect(h.calls.current?.peers[0]).toMatchObject({ userId: otherUserId, displayName: 'Alice' });
    expect(h.calls.active.get(chatId)?.id).toBe(callId);

    h.answer('call-accept', connectionOf(answeredHere));
    await h.calls.accept({ video: false });
    expect(h.sentOf('call-accept')).toEqual([{ type: 'call-accept', callId }]);
    expect(h.calls.current?.phase).toBe('connecting');
    expect(h.fake.requests.map((request) => request.kind)).toEqual(['user']);
    const pc = h.pc();
    expect(pc.configuration).toMatchObject({
      iceServers: [{ urls: 'turn:127.0.0.1:3478' }],
      iceTransportPolicy: 'all',
    });
    expect(h.calls.peerConnection()).toBe(pc);

    // A candidate before the offer waits for it.
    h.emit('call-signal', {
      callId,
      signal: { kind: 'candidate', candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } },
    });
    h.emit('call-signal', { callId, signal: { kind: 'offer', sdp: offerSdp } });
    await h.settle();
    expect(h.signals()).toEqual(['answer']);
    expect(pc.remoteCandidates).toEqual([{ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 }]);
    // My microphone goes on the offer's audio m-section.
    const audio = pc.transceivers.find((t) => t.kind === 'audio');
    expect(audio?.direction).toBe('sendrecv');
    expect(audio?.sender.track?.kind).toBe('audio');
    expect(h.calls.current?.peers[0]?.stream).not.toBeNull();

    pc.gather('candidate:2');
    pc.gather(null);
    await h.settle();
    const candidates = h
      .sentOf('call-signal')
      .flatMap((f) => (f.signal.kind === 'candidate' ? [f.signal.candidate] : []));
    expect(candidates).toEqual([{ candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 }, null]);

    pc.setIce('connected');
    await h.settle();
    expect(h.calls.current).toMatchObject({
      phase: 'connected',
      connectedAt: h.clock.now(),
      transport: 'peer-to-peer',
    });
    expect(h.signals()).toContain('media');
    // Connected in time: nobody moves the call.
    await h.clock.advance(20_000);
    expect(h.sentOf('call-relay')).toEqual([]);
  });

  it('an offer that comes before the peer connection waits for it', async () => {
    const h = ringing();
    h.answer('call-accept', connectionOf(answeredHere));
    // accept() is still opening the microphone when the offer arrives.
    const accept = h.calls.accept({ video: false });
    h.emit('call-signal', { callId, signal: { kind: 'offer', sdp: offerSdp } });
    await h.clock.advance(0);
    await accept;
    await h.settle();
    expect(h.signals()).toEqual(['answer']);
    await h.clock.advance(4999);
    expect(h.sentOf('call-relay')).toEqual([]);
  });

  it('stops ringing when another of my devices answers', async () => {
    const h = ringing();
    h.emit(
      'call-updated',
      callOf({
        state: 'active',
        answeredDeviceId: '01HZ0THERDEV00000000000000',
        participantIds: [otherUserId, myUserId],
      }),
    );
    expect(h.calls.current).toBeNull();
    expect(h.fake.requests).toEqual([]);
    expect(h.sent).toEqual([]);
    expect(h.calls.active.get(chatId)?.state).toBe('active');
  });

  it('declines', async () => {
    const h = ringing();
    h.answer('call-decline', undefined);
    await h.calls.decline();
    expect(h.sentOf('call-decline')).toEqual([{ type: 'call-decline', callId }]);
    expect(h.calls.current).toBeNull();
  });

  it('an unanswered ring ends as missed, shown for a moment', async () => {
    const h = ringing();
    h.emit('call-updated', callOf({ state: 'ended', outcome: 'missed' }));
    expect(h.calls.current).toMatchObject({ phase: 'ended', endedReason: 'missed' });
    expect(h.calls.active.size).toBe(0);
    await h.clock.advance(2000);
    expect(h.calls.current).toBeNull();
  });

  it('keeps the current call when another one rings', async () => {
    const h = ringing();
    const other = callOf({ id: '01HZCA22000000000000000000', chatId: '01HZCHAT200000000000000000' });
    h.emit('call-incoming', other);
    expect(h.calls.current?.call.id).toBe(callId);
    expect(h.calls.active.size).toBe(2);
  });

  it('a refused microphone declines the call and says why', async () => {
    const h = ringing();
    h.fake.failNext.audio = new DOMException('denied', 'NotAllowedError');
    h.answer('call-decline', undefined);
    await expect(h.calls.accept({ video: false })).rejects.toThrow('denied');
    expect(h.sentOf('call-decline')).toHaveLength(1);
    expect(h.sentOf('call-accept')).toEqual([]);
    expect(h.calls.current).toMatchObject({ phase: 'ended', endedReason: 'declined' });
    expect(h.calls.current?.error).toMatch(/may not use your microphone/);
  });

  it('a server refusal rejects with its ApiError', async () => {
    const h = ringing();
    h.answer('call-accept', ApiError.of('CALL_STATE', 'This call was already answered, or it has ended.'));
    await expect(h.calls.accept({ video: false })).rejects.toMatchObject({ code: 'CALL_STATE' });
    expect(h.liveTracks()).toEqual([]);
  });
});

describe('Calls: calling', () => {
  it('opens the devices, rings, then offers once answered', async () => {
    const h = await outgoingAnswered('video');
    expect(h.sentOf('call-start')).toEqual([{ type: 'call-start', chatId, media: 'video' }]);
    expect(h.fake.requests.map((request) => Object.keys(request.constraints as object)[0])).toEqual([
      'audio',
      'video',
    ]);
    expect(h.calls.current).toMatchObject({ phase: 'connecting', direction: 'outgoing', cameraOn: true });
    const pc = h.pc();
    expect(pc.transceivers.map((t) => [t.kind, t.sender.track?.kind ?? null])).toEqual([
      ['audio', 'audio'],
      ['video', 'video'],
    ]);
    expect(h.signals()).toEqual(['offer']);
    expect(h.calls.current?.peers[0]).toMatchObject({ userId: otherUserId, displayName: 'Alice' });

    h.emit('call-signal', { callId, signal: { kind: 'answer', sdp: answerSdp } });
    await h.settle();
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: answerSdp });
    h.emit('call-signal', { callId, signal: { kind: 'media', audio: false, video: true, screen: false } });
    expect(h.calls.current?.peers[0]).toMatchObject({ audioOn: false, videoOn: true });
  });

  it('cancelling a ringing call', async () => {
    const h = callHarness();
    h.answer('call-start', connectionOf(callOf({ participantIds: [myUserId] })));
    await h.calls.start(chatId, 'audio');
    await h.settle();
    expect(h.calls.current).toMatchObject({
      phase: 'outgoing',
      peers: [{ userId: otherUserId, displayName: 'Alice' }],
    });
    h.answer('call-end', undefined);
    await h.calls.hangUp();
    expect(h.calls.current).toMatchObject({ phase: 'ended', endedReason: 'cancelled' });
    expect(h.liveTracks()).toEqual([]);
  });

  it('moves to the SFU when peer-to-peer does not connect in time', async () => {
    const h = await outgoingAnswered();
    const pc = h.pc();
    const sfuCall = { ...answeredHere, transport: 'sfu' as const };
    h.answer('call-relay', connectionOf(sfuCall, { participantToken: 'mpt_relay' }));
    await h.clock.advance(5000);
    expect(h.sentOf('call-relay')).toEqual([{ type: 'call-relay', callId }]);
    expect(pc.closed).toBe(true);
    expect(h.calls.peerConnection()).toBeNull();
    const [room] = h.rooms;
    expect(room?.options.participantToken).toBe('mpt_relay');
    expect(room?.joined).toMatchObject({ audio: true, video: false });
    expect(room?.joined?.localStream?.getTracks()).toHaveLength(1);
    // The server tells both sides; this side is in the room already.
    h.emit('call-updated', sfuCall);
    await h.settle();
    expect(h.rooms).toHaveLength(1);
    expect(h.sentOf('call-join')).toEqual([]);
    expect(h.calls.current).toMatchObject({ phase: 'connecting', transport: 'sfu' });

    room?.update({
      status: { status: 'joined' },
      participantId: 'p-me',
      participants: [
        {
          id: 'p-me',
          displayName: 'Me',
          userId: myUserId,
          role: 'host',
          audioOn: true,
          videoOn: false,
          screenOn: false,
          handRaisedAt: null,
          connection: 'connected',
          joinedAt: '2030-01-01T10:00:00.000Z',
        },
        {
          id: 'p-alice',
          displayName: 'Alice',
          userId: otherUserId,
          role: 'participant',
          audioOn: true,
          videoOn: true,
          screenOn: false,
          handRaisedAt: null,
          connection: 'connected',
          joinedAt: '2030-01-01T10:00:00.000Z',
        },
      ],
    });
    expect(h.calls.current).toMatchObject({
      phase: 'connected',
      peers: [{ userId: otherUserId, displayName: 'Alice' }],
    });
    // The room forwards only the videos asked for: the call asks for everyone's.
    expect(room?.view).toEqual([{ participantId: 'p-alice', source: 'camera', width: 640, height: 360 }]);

    await h.calls.setMic(false);
    expect(room?.calls).toContain('mic:false');
    expect(h.calls.current?.micOn).toBe(false);
  });

  it('the answering side joins the room when the caller moves the call', async () => {
    const h = ringing();
    h.answer('call-accept', connectionOf(answeredHere));
    await h.calls.accept({ video: false });
    const sfuCall = { ...answeredHere, transport: 'sfu' as const };
    h.answer('call-join', connectionOf(sfuCall));
    h.emit('call-updated', sfuCall);
    await h.settle();
    expect(h.sentOf('call-join')).toEqual([{ type: 'call-join', callId }]);
    expect(h.sentOf('call-relay')).toEqual([]);
    expect(h.pc().closed).toBe(true);
    expect(h.rooms[0]?.options.participantToken).toBe('mpt_call');
  });

  it('the answering side moves the call itself when no offer comes', async () => {
    const h = ringing();
    h.answer('call-accept', connectionOf(answeredHere));
    h.answer('call-relay', connectionOf({ ...answeredHere, transport: 'sfu' }));
    await h.calls.accept({ video: false });
    await h.clock.advance(5000);
    expect(h.sentOf('call-relay')).toHaveLength(1);
    expect(h.rooms).toHaveLength(1);
  });

  it('hanging up releases everything', async () => {
    const h = await outgoingAnswered('video');
    const pc = h.pc();
    pc.setIce('connected');
    await h.settle();
    await h.calls.shareScreen(true);
    expect(h.liveTracks()).toHaveLength(3);
    expect(pc.transceivers[1]?.sender.track?.label).toBe('screen');
    h.answer('call-end', undefined);
    await h.calls.hangUp();
    expect(h.sentOf('call-end')).toEqual([{ type: 'call-end', callId }]);
    expect(h.liveTracks()).toEqual([]);
    expect(pc.closed).toBe(true);
    expect(h.calls.current).toMatchObject({ phase: 'ended', endedReason: 'answered' });
    h.emit('call-updated', { ...answeredHere, state: 'ended', outcome: 'answered' });
    await h.clock.advance(2000);
    expect(h.calls.current).toBeNull();
    expect(h.clock.pending).toBe(0);
  });

  it('mutes, stops the camera and switches devices on the peer connection, telling the other side', async () => {
    const h = await outgoingAnswered('video');
    const pc = h.pc();
    pc.setIce('connected');
    await h.settle();
    const mediaStates = () =>
      h.sentOf('call-signal').flatMap((frame) => (frame.signal.kind === 'media' ? [frame.signal] : []));
    const mic = pc.transceivers[0]?.sender.track;

    await h.calls.setMic(false);
    expect(mic?.enabled).toBe(false);
    expect(mediaStates().at(-1)).toMatchObject({ audio: false, video: true });

    // A new microphone keeps the mute; the old one is released.
    await h.calls.switchDevice('audioinput', 'usb-headset');
    const headset = pc.transceivers[0]?.sender.track;
    expect(headset).not.toBe(mic);
    expect(headset?.enabled).toBe(false);
    expect(mic?.readyState).toBe('ended');

    await h.calls.setCamera(false);
    expect(pc.transceivers[1]?.sender.track).toBeNull();
    expect(h.liveTracks().map((track) => track.kind)).toEqual(['audio']);
    expect(mediaStates().at(-1)).toMatchObject({ audio: false, video: false });
    await h.calls.setCamera(true);
    expect(pc.transceivers[1]?.sender.track?.kind).toBe('video');
    expect(h.calls.current).toMatchObject({ micOn: false, cameraOn: true });
  });

  it('a voice call becomes video when the other side agrees', async () => {
    const h = await outgoingAnswered();
    const pc = h.pc();
    await h.calls.requestVideo();
    expect(h.calls.current?.videoRequest).toBe('outgoing');
    h.emit('call-signal', { callId, signal: { kind: 'video-reply', accepted: true } });
    await h.settle();
    expect(h.calls.current).toMatchObject({ videoRequest: 'none', cameraOn: true });
    expect(pc.transceivers[1]?.sender.track?.kind).toBe('video');
    expect(pc.offers).toHaveLength(1);
  });

  it('group calls run in the room from the start', async () => {
    const h = callHarness();
    const group = callOf({ kind: 'group', transport: 'sfu', participantIds: [myUserId] });
    h.answer('call-start', connectionOf(group));
    await h.calls.start(chatId, 'audio');
    expect(h.pcs).toEqual([]);
    expect(h.rooms[0]?.options.participantToken).toBe('mpt_call');
    h.rooms[0]?.update({ status: { status: 'joined' } });
    expect(h.calls.current?.phase).toBe('outgoing');
    h.emit('call-updated', { ...group, state: 'active', participantIds: [myUserId, otherUserId] });
    expect(h.calls.current?.phase).toBe('connected');
  });

  it('stops ringing for a group call declined or joined on another of my devices', async () => {
    const group = callOf({ kind: 'group', transport: 'sfu', state: 'active' });
    for (const elsewhere of [
      { ringingIds: [] },
      { ringingIds: [], participantIds: [otherUserId, myUserId] },
    ]) {
      const h = callHarness();
      h.emit('call-incoming', group);
      expect(h.calls.current?.phase).toBe('incoming');
      // Someone else declining changes nothing here.
      h.emit('call-updated', { ...group, ringingIds: [myUserId] });
      expect(h.calls.current?.phase).toBe('incoming');
      h.emit('call-updated', { ...group, ...elsewhere });
      expect(h.calls.current).toBeNull();
    }
  });

  it('rings on a device that connects while a call rings for me', async () => {
    const h = callHarness();
    h.setActiveCalls([callOf()]);
    h.emit('state', { status: 'caught-up' });
    await h.settle();
    expect(h.calls.current).toMatchObject({ phase: 'incoming', call: { id: callId } });
  });

  it('catches up on reconnecting: a ring or a call that ended meanwhile ends here', async () => {
    const ringingHere = ringing();
    ringingHere.setActiveCalls([]);
    ringingHere.emit('state', { status: 'caught-up' });
    await ringingHere.settle();
    expect(ringingHere.calls.current).toBeNull();

    const talking = await outgoingAnswered();
    talking.pc().setIce('connected');
    talking.setActiveCalls([]);
    talking.emit('state', { status: 'caught-up' });
    await talking.settle();
    expect(talking.calls.current).toMatchObject({ phase: 'ended' });
    expect(talking.liveTracks()).toEqual([]);
  });

  it('does not ring again for a call declined here, from a list read before', async () => {
    const h = ringing();
    h.answer('call-decline', undefined);
    await h.calls.decline();
    h.setActiveCalls([callOf()]);
    h.emit('state', { status: 'caught-up' });
    await h.settle();
    expect(h.calls.current).toBeNull();
  });

  it('leaves a call whose room removed or refused this device', async () => {
    const h = callHarness();
    const group = callOf({ kind: 'group', transport: 'sfu', participantIds: [myUserId] });
    h.answer('call-start', connectionOf(group));
    h.answer('call-end', undefined);
    await h.calls.start(chatId, 'audio');
    h.rooms[0]?.update({ status: { status: 'refused', code: 'MEETING_FULL', message: 'Full' } });
    expect(h.calls.current).toMatchObject({ phase: 'ended', endedReason: 'failed' });
    expect(h.sentOf('call-end')).toEqual([{ type: 'call-end', callId }]);
  });

  it('starts one call at a time, even while the first is opening the devices', async () => {
    const h = callHarness();
    h.answer('call-start', connectionOf(callOf({ participantIds: [myUserId] })));
    const first = h.calls.start(chatId, 'audio');
    await expect(h.calls.start('another-chat', 'audio')).rejects.toMatchObject({ code: 'CALL_STATE' });
    await first;
    expect(h.sentOf('call-start')).toHaveLength(1);
  });

  it('hangs up a direct call this device was in but lost to a reload', async () => {
    const h = callHarness();
    h.answer('call-end', undefined);
    h.setActiveCalls([answeredHere, callOf({ id: 'someone-elses-call', state: 'active', ringingIds: [] })]);
    h.emit('state', { status: 'caught-up' });
    await h.settle();
    expect(h.sentOf('call-end')).toEqual([{ type: 'call-end', callId }]);
    expect(h.calls.current).toBeNull();
  });

  const otherCall = '01HZ0THERCA110000000000000';
  const thirdCall = '01HZTH1RDCA110000000000000';

  it('a call that rings during another waits: declined, or taken by ending the first', async () => {
    const other = callOf({ id: otherCall, chatId: 'other-chat', media: 'video' });
    const h = await outgoingAnswered();
    h.emit('call-incoming', other);
    expect(h.calls.current?.call.id).toBe(callId);
    expect(h.calls.waiting?.id).toBe(otherCall);
    h.answer('call-decline', undefined);
    await h.calls.declineWaiting();
    expect(h.sentOf('call-decline')).toEqual([{ type: 'call-decline', callId: otherCall }]);
    expect(h.calls.waiting).toBeNull();

    h.emit('call-incoming', { ...other, id: thirdCall });
    h.answer('call-end', undefined);
    h.answer(
      'call-accept',
      connectionOf({ ...other, id: thirdCall, state: 'active', answeredDeviceId: myDeviceId }),
    );
    await h.calls.answerWaiting({ video: false });
    expect(h.sentOf('call-end')).toEqual([{ type: 'call-end', callId }]);
    expect(h.calls.current).toMatchObject({ call: { id: thirdCall }, phase: 'connecting' });
    expect(h.calls.waiting).toBeNull();
  });

  it('a waiting call that stops ringing goes; one still ringing when the call ends rings', async () => {
    const other = callOf({ id: otherCall, chatId: 'other-chat' });
    const h = await outgoingAnswered();
    h.emit('call-incoming', other);
    h.emit('call-updated', { ...other, state: 'ended', outcome: 'cancelled' });
    expect(h.calls.waiting).toBeNull();

    h.emit('call-incoming', { ...other, id: thirdCall });
    h.answer('call-end', undefined);
    await h.calls.hangUp();
    await h.clock.advance(2000);
    expect(h.calls.current).toMatchObject({ call: { id: thirdCall }, phase: 'incoming' });
  });

  it('a call that rings while another rings here rings once that one is declined', async () => {
    const h = ringing();
    h.emit('call-incoming', callOf({ id: otherCall, chatId: 'other-chat' }));
    expect(h.calls.current?.call.id).toBe(callId);
    h.answer('call-decline', undefined);
    await h.calls.decline();
    expect(h.calls.current).toMatchObject({ call: { id: otherCall }, phase: 'incoming' });
  });

  it('fills the active calls on connect', async () => {
    const h = callHarness();
    h.setActiveCalls([callOf({ state: 'active', kind: 'group', transport: 'sfu' })]);
    h.emit('state', { status: 'caught-up' });
    await h.settle();
    expect([...h.calls.active.keys()]).toEqual([chatId]);
  });
});
