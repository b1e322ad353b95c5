/** werift peers and a loopback STUN responder for tests of code built on the SFU (`@parley/sfu/testing`). */
export { startLoopbackStun } from '../loopback-stun.ts';
export {
  loadTestMedia,
  makeTestMediaFile,
  packetizeOpus,
  packetizeVp8,
  type TestMedia,
  type TestMediaFrame,
  TestMediaLoop,
} from './real-media.ts';
export { type ReceivedRtp, TestPublisher, TestSubscriber } from './test-peers.ts';
