export {
  ApiClient,
  type ApiClientOptions,
  type AttachmentUploadOptions,
  type MeetingFileUploadOptions,
  type UploadOptions,
} from './api-client.ts';
export { ApiError, type ClientErrorCode, type ErrorDetails, isApiError } from './api-error.ts';
export {
  AttachmentCache,
  type AttachmentCacheOptions,
  type AttachmentVariant,
  attachmentsOf,
} from './attachments/attachment-cache.ts';
export { type BlobStorage, memoryBlobStorage, openAttachmentStorage } from './attachments/blob-storage.ts';
export type { CallPeer, CallPhase, CallsApi, CallView } from './calls/call-types.ts';
export { Calls, type CallsOptions, type CallTiming } from './calls/calls.ts';
export type { CallRoom, CallRoomOptions } from './calls/room-link.ts';
export { type Clock, systemClock } from './clock.ts';
export type { ConnectionState, GatewayEvents, TypingSignal } from './gateway/connection-state.ts';
export { type ClientRequest, gatewayUrl } from './gateway/frames.ts';
export { Gateway } from './gateway/gateway.ts';
export type { EventSink, GatewayOptions, GatewayTiming } from './gateway/gateway-options.ts';
export type { NetworkMonitor } from './gateway/network.ts';
export { isPermanent, OutboxSender, type OutboxStore } from './gateway/outbox-sender.ts';
export type { Logger } from './logger.ts';
export { meetingGuestKey } from './meetings/guest-key.ts';
export type { LevelMeter } from './meetings/level-meter.ts';
export { classifyLink, type LinkQuality } from './meetings/link-quality.ts';
export type { LocalMediaState, LocalTracks } from './meetings/local-media.ts';
export type { MeetingBreakouts } from './meetings/meeting-breakouts.ts';
export { MeetingRoom } from './meetings/meeting-room.ts';
export type {
  BreakoutBroadcast,
  BreakoutHelp,
  BreakoutMove,
  ChatDraft,
  JoinOptions,
  MeetingNotice,
  MeetingReaction,
  MeetingRoomError,
  MeetingRoomEvents,
  MeetingRoomOptions,
  MeetingSnapshot,
  RecordAction,
} from './meetings/meeting-room-types.ts';
export type { MeetingQuality, MeetingState } from './meetings/meeting-state.ts';
export { type FinalStatus, isFinal, type MeetingStatus } from './meetings/meeting-status.ts';
export type { MeetingTiming } from './meetings/meeting-timing.ts';
export {
  type FilteredTrack,
  type NoiseSuppressionAssets,
  type NoiseSuppressor,
  rnnoiseSuppressor,
} from './meetings/noise-suppressor.ts';
export { type RemoteTrack, remoteTrackKey } from './meetings/remote-tracks.ts';
export { browserRtc, type RtcEnvironment } from './meetings/rtc-environment.ts';
export type { ViewTile } from './meetings/view-sender.ts';
export { ChatDirectory } from './messenger/chat-directory.ts';
export {
  type AttachmentSendOptions,
  Messenger,
  type MessengerEvents,
  type MessengerOptions,
  type SendOptions,
} from './messenger/messenger.ts';
export type { TypingState } from './messenger/typing-throttle.ts';
export type { TypingPerson } from './messenger/typing-tracker.ts';
export type { VisibilityMonitor } from './messenger/visibility.ts';
export { LocalStore, type Persistence, type StoreBackend } from './store/local-store.ts';
export { type LocalStoreOptions, openLocalStore } from './store/open-local-store.ts';
export { type MemoryStoreOptions, openMemoryStore } from './store/open-memory-store.ts';
export type { OutboxEntry, OutboxOp } from './store/outbox-table.ts';
export type { ListMessagesOptions } from './store/queries.ts';
export type * from './store/records.ts';
export type { SearchOptions } from './store/search.ts';
export type { NewOwnMessage } from './store/user-actions.ts';
