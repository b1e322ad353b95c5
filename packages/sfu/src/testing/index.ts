/** werift peers and a loopback STUN responder for tests of code built on the SFU (`@parley/sfu/testing`). */
export { startLoopbackStun } from './loopback-stun.ts';
export { type ReceivedRtp, TestPublisher, TestSubscriber } from './test-peers.ts';
