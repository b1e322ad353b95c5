export { assertValidBlobKey } from './blob/blob-key.ts';
export {
  type BlobInfo,
  type BlobRange,
  BlobRangeError,
  type BlobRead,
  type BlobStore,
} from './blob/blob-store.ts';
export { LocalBlobStore } from './blob/local-blob-store.ts';
export type { Bus } from './bus/bus.ts';
export type { BusHandler, BusHandlerErrorListener } from './bus/bus-handler.ts';
export { MemoryBus, type MemoryBusOptions } from './bus/memory-bus.ts';
export type { Database, DatabaseOptions } from './database/database.ts';
export { migrateToLatest } from './database/migrate-to-latest.ts';
export { migrations } from './database/migrations/index.ts';
export { openDatabase } from './database/open-database.ts';
export type {
  AttachmentDownloadsTable,
  AttachmentsTable,
  CallMembersTable,
  CallsTable,
  ChatMembersTable,
  ChatsTable,
  DatabaseSchema,
  DeliveriesTable,
  DevicesTable,
  EventsTable,
  MeetingFilesTable,
  MeetingMessagesTable,
  MeetingMetricsTable,
  MeetingParticipantsTable,
  MeetingsTable,
  MessageReceiptsTable,
  MessagesTable,
  OtpChallengesTable,
  RecordingChunksTable,
  RecordingEventKind,
  RecordingEventsTable,
  RecordingState,
  RecordingsTable,
  SessionsTable,
  UsersTable,
} from './database/schema.ts';
export { MemoryRateLimiter } from './rate-limit/memory-rate-limiter.ts';
export type { RateDecision, RateLimiter } from './rate-limit/rate-limiter.ts';
