import { startLoopbackStun } from '@parley/sfu/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, type TestServer } from './harness.ts';
import { createMeeting, TestParticipant } from './test-participant.ts';

/** Media through the real SFU worker, with werift peers standing in for browsers (those are in e2e/). */
describe('meeting media', () => {
  let t: TestServer;
  let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
  const participants: TestParticipant[] = [];

  beforeAll(async () => {
    stun = await startLoopbackStun();
    t = await startTestServer('embedded', { env: { PARLEY_MEDIA_WORKERS: '1' } });
  });
  afterAll(async () => {
    await t?.stop();
    await stun?.close();
  });
  afterEach(async () => {
    await Promise.all(participants.splice(0).map((p) => p.close()));
    expect(t.takeProblems().filter((p) => !p.msg.includes('media worker'))).toEqual([]);
  });

  async function meetingWith(names: string[]): Promise<TestParticipant[]> {
    const owner = await signIn(t.url);
    const { link } = await createMeeting(t.url, owner.token, { title: 'Media test', waitingRoom: false });
    const people: TestParticipant[] = [];
    for (const [index, name] of names.entries()) {
      const person = await TestParticipant.join(t.url, stun.url, {
        credentials: link,
        session: index === 0 ? owner.token : undefined,
        displayName: name,
      });
      participants.push(person);
      await person.next('joined');
      person.autoSubscribe();
      people.push(person);
    }
    return people;
  }

  it('forwards everyone’s audio, and video only for the tiles a participant views', async () => {
    const [host, guest] = (await meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
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
    const metrics = (await call<string>(t.url, 'GET', '/metrics')).body;
    expect(metrics).toMatch(/parley_media_worker_producers\{pid="\d+"\} [1-9]/);
    expect(metrics).toMatch(/parley_media_consumer_bitrate_bps_count\{kind="audio"\} [1-9]/);
  });

  it('lets one participant share their screen at a time unless the host allows more', async () => {
    const [host, alice, bob] = (await meetingWith(['Host', 'Alice', 'Bob'])) as TestParticipant[] as [
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
    const [host, guest] = (await meetingWith(['Host', 'Guest'])) as [TestParticipant, TestParticipant];
    await host.publish();
    await guest.receives(host.participantId, 'mic');
    const [usage] = await t.ctx.rooms.workers.usage();
    process.kill(usage?.pid ?? 0, 'SIGKILL');
    await host.next('media-reset');
    await guest.next('media-reset');

    // What a client does on media-reset: new peer connections, publish again.
    await host.close();
    await guest.subscriber?.close();
    guest.subscriber = undefined;
    guest.autoSubscribe();
    const rejoined = participants[0] as TestParticipant;
    await rejoined.connect();
    await rejoined.next('joined');
    await rejoined.publish();
    await guest.receives(host.participantId, 'mic', 20_000);
  });
});
