import { describe, expect, it } from 'vitest';
import { FakeStream, FakeTrack } from '../testing/fake-rtc.ts';
import { RemoteTracks } from './remote-tracks.ts';

const alice = '01HZA11CE0000000000000000A';
const bob = '01HZB0B000000000000000000B';

function tracks() {
  return new RemoteTracks(
    (track) => new FakeStream([track as unknown as FakeTrack]) as unknown as MediaStream,
  );
}
const asTrack = (track: FakeTrack) => track as unknown as MediaStreamTrack;

describe('RemoteTracks', () => {
  it('keeps a stream while its track stays, so a playing element is not reset', () => {
    const remote = tracks();
    const audio = new FakeTrack('audio');
    const video = new FakeTrack('video');
    expect(
      remote.replace([{ participantId: alice, source: 'mic', kind: 'audio', track: asTrack(audio) }]),
    ).toBe(true);
    const stream = remote.list[0]?.stream;
    expect(
      remote.replace([
        { participantId: alice, source: 'mic', kind: 'audio', track: asTrack(audio) },
        { participantId: alice, source: 'camera', kind: 'video', track: asTrack(video) },
      ]),
    ).toBe(true);
    expect(remote.list[0]?.stream).toBe(stream);
    const list = remote.list;
    expect(
      remote.replace([
        { participantId: alice, source: 'camera', kind: 'video', track: asTrack(video) },
        { participantId: alice, source: 'mic', kind: 'audio', track: asTrack(audio) },
      ]),
    ).toBe(false);
    expect(remote.list).toBe(list);
  });

  it('gives a reused receiver track to its new participant in a new stream', () => {
    const remote = tracks();
    const video = new FakeTrack('video');
    remote.replace([{ participantId: alice, source: 'camera', kind: 'video', track: asTrack(video) }]);
    const before = remote.list[0]?.stream;
    remote.replace([{ participantId: bob, source: 'camera', kind: 'video', track: asTrack(video) }]);
    expect(remote.list.map((t) => t.participantId)).toEqual([bob]);
    expect(remote.list[0]?.stream).not.toBe(before);
    expect(remote.clear()).toBe(true);
    expect(remote.clear()).toBe(false);
  });
});
