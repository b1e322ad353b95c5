import { describe, expect, it } from 'vitest';
import { call } from './harness.ts';
import { meetingTests, type TestParticipant } from './test-participant.ts';

/** Media through the real SFU worker, with werift peers standing in for browsers (those are in e2e/). */
describe('meeting media', () => {
  const suite = meetingTests('embedded', { ignore: (message) => message.includes('media worker') });

  it('forwards everyone’s audio, and video only for the tiles a participant views', async () => {
    const [host, guest] = (await suite.meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
    await host.publish();
    await guest.publish();
    await guest.receives(host.participantId, 'mic');
    expect(guest.tracks.some((track) => track.source === 'camera')).toBe(false);

    await guest.ok({
      type: 'view',
      tiles: [{ participantId: host.participantId, source: 'camera', width: 320, height: 180 }],
    });
    await guest.receives(host.participantId, 'camera');
    await host.receives(guest.participantId, 'mic');

    // Off screen again: the camera is no longer forwarded.
    await guest.ok({ type: 'view', tiles: [] });
    await guest.untilTracks((tracks) => !tracks.some((track) => track.source === 'camera'));

    const quality = await host.next('network-quality', (f) => Object.keys(f.quality).length === 2);
    expect(quality.quality[guest.participantId]).toMatch(/good|fair|poor/);
    // Workers push their stats every second: wait for the first that counts a consumer.
    await expect
      .poll(async () => (await call<string>(suite.t.url, 'GET', '/metrics')).body, { timeout: 10_000 })
      .toMatch(/parley_media_consumer_bitrate_bps_count\{kind="audio"\} [1-9]/);
    const metrics = (await call<string>(suite.t.url, 'GET', '/metrics')).body;
    expect(metrics).toMatch(/parley_media_worker_producers\{pid="\d+"\} [1-9]/);
  });

  it('lets one participant share their screen at a time unless the host allows more', async () => {
    const [host, alice, bob] = (await suite.meetingWith(['Host', 'Alice', 'Bob'])) as TestParticipant[] as [
      TestParticipant,
      TestParticipant,
      TestParticipant,
    ];
    await alice.publish({ audio: false, videoSource: 'screen' });
    await host.next(
      'participant-updated',
      (f) => f.participant.id === alice.participantId && f.participant.screenOn,
    );
    await host.ok({
      type: 'view',
      tiles: [{ participantId: alice.participantId, source: 'screen', width: 1280, height: 720 }],
    });
    await host.receives(alice.participantId, 'screen');

    await expect(bob.publish({ audio: false, videoSource: 'screen' })).rejects.toThrow(/SCREEN_SHARE_TAKEN/);
    await host.ok({ type: 'multi-share', allowed: true });
    await bob.publish({ audio: false, videoSource: 'screen' });
    await host.next(
      'participant-updated',
      (f) => f.participant.id === bob.participantId && f.participant.screenOn,
    );
  });

  it('tells everyone to publish again when the media worker dies, and media flows again', async () => {
    const [host, guest] = (await suite.meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
    await host.publish();
    await guest.receives(host.participantId, 'mic');
    const [usage] = await suite.t.ctx.rooms.workers.usage();
    process.kill(usage?.pid ?? 0, 'SIGKILL');
    await host.next('media-reset');
    await guest.next('media-reset');

    // What a client does on media-reset: new peer connections, publish again.
    await host.close();
    await guest.subscriber?.close();
    guest.subscriber = undefined;
    guest.autoSubscribe();
    await host.connect();
    await host.next('joined');
    await host.publish();
    await guest.receives(host.participantId, 'mic', 20_000);
  });
});

/** Subscribe offers that go wrong on the client's side: the server offers again, and media flows. */
describe('meeting media: offers that go wrong', () => {
  const notAnswered = 'subscribe offer not answered; offering again';
  const suite = meetingTests('embedded', {
    env: { PARLEY_MEDIA_ANSWER_TIMEOUT_MS: '1500' },
    ignore: (message) => message === notAnswered,
  });

  it('takes back an offer that is never answered and makes it again', async () => {
    const [host, guest] = (await suite.meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
    guest.loseOffers = 1;
    await host.publish({ video: false });
    await guest.receives(host.participantId, 'mic');
    expect(guest.loseOffers).toBe(0);
    expect(suite.t.takeProblems().map((problem) => problem.msg)).toContain(notAnswered);
  });

  it('offers again after refusing an answer', async () => {
    const [host, guest] = (await suite.meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
    guest.spoilAnswers = 1;
    await host.publish({ video: false });
    await guest.receives(host.participantId, 'mic');
    expect(guest.spoilAnswers).toBe(0);
  });
});
