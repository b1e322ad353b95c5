import {
  type ActiveCalls,
  type Attachment,
  type AuthResult,
  activeCallsSchema,
  attachmentSchema,
  authResultSchema,
  type Call,
  type CallHistory,
  type Chat,
  type CreateGroup,
  type CreateMeeting,
  callHistorySchema,
  chatListSchema,
  chatSchema,
  type Device,
  deviceListSchema,
  type JoinMeeting,
  type JoinTicket,
  joinTicketSchema,
  type Me,
  type Meeting,
  type MeetingChatMessage,
  type MeetingFile,
  type MeetingList,
  type MeetingPreview,
  type MemberRole,
  meetingChatSchema,
  meetingFileSchema,
  meetingListSchema,
  meetingPreviewSchema,
  meetingSchema,
  meSchema,
  type OtpChallenge,
  otpChallengeSchema,
  type PasswordSignIn,
  type Presence,
  type PreviewMeeting,
  type PublicUser,
  presenceSchema,
  publicUserSchema,
  type Recording,
  type RecordingPlayback,
  type RequestOtp,
  recordingListSchema,
  recordingPlaybackSchema,
  recordingSchema,
  type SetPassword,
  type UpdateGroup,
  type UpdateMe,
  type VerifyOtp,
} from '@parley/protocol';
import { ApiError } from './api-error.ts';
import { xhrRequest } from './xhr-request.ts';

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the server; '' means same origin. */
  baseUrl?: string;
  token?: string | null;
  fetch?: typeof fetch;
  /**
   * Called when the server rejects the current token with UNAUTHENTICATED (the device was signed
   * out elsewhere or the session ended), so the app can return to its sign-in screen.
   */
  onUnauthenticated?: () => void;
}

export interface UploadOptions {
  /** Receives the uploaded fraction, 0..1; only XMLHttpRequest reports intermediate values. */
  onProgress?(fraction: number): void;
}

export interface AttachmentUploadOptions extends UploadOptions {
  /** The file name shown to recipients. */
  name: string;
  /** A voice message recorded in the app (the server measures duration and waveform). */
  voice?: boolean;
}

export interface MeetingFileUploadOptions extends UploadOptions {
  /** The file name shown in the meeting chat. */
  name: string;
}

/** Anything with zod's `parse`; keeps this package free of a direct zod dependency. */
interface Schema<T> {
  parse(data: unknown): T;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One method per HTTP endpoint of /api/v1. Calls reject with ApiError only. */
export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthenticated: (() => void) | undefined;
  #token: string | null;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    // Unbound window.fetch throws "Illegal invocation" in browsers.
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#token = options.token ?? null;
    this.#onUnauthenticated = options.onUnauthenticated;
  }

  setToken(token: string | null): void {
    this.#token = token;
  }

  /** Sends a one-time code by SMS. */
  requestOtp(body: RequestOtp): Promise<OtpChallenge> {
    return this.#json('POST', '/auth/otp', otpChallengeSchema, body);
  }

  /** Exchanges the code for a session; the caller stores `token` and passes it to setToken(). */
  verifyOtp(body: VerifyOtp): Promise<AuthResult> {
    return this.#json('POST', '/auth/verify', authResultSchema, body);
  }

  signInWithPassword(body: PasswordSignIn): Promise<AuthResult> {
    return this.#json('POST', '/auth/password', authResultSchema, body);
  }

  /** Ends this device's session on the server; the caller forgets the token. */
  signOut(): Promise<void> {
    return this.#empty('POST', '/auth/sign-out');
  }

  getMe(): Promise<Me> {
    return this.#json('GET', '/me', meSchema);
  }

  updateMe(body: UpdateMe): Promise<Me> {
    return this.#json('PATCH', '/me', meSchema, body);
  }

  /**
   * Uploads a JPEG, PNG or WebP image of at most 5 MB; the server re-encodes it. Goes through
   * XMLHttpRequest where it exists (browsers), for upload progress; through `fetch` elsewhere.
   */
  uploadAvatar(file: Blob, options: UploadOptions = {}): Promise<Me> {
    return this.#upload('PUT', '/me/avatar', file, meSchema, options);
  }

  deleteAvatar(): Promise<Me> {
    return this.#json('DELETE', '/me/avatar', meSchema);
  }

  /** Sets or changes the password; `currentPassword` is required once one is set. */
  setPassword(body: SetPassword): Promise<void> {
    return this.#empty('PUT', '/me/password', body);
  }

  async listDevices(): Promise<Device[]> {
    const { devices } = await this.#json('GET', '/devices', deviceListSchema);
    return devices;
  }

  signOutDevice(deviceId: string): Promise<void> {
    return this.#empty('DELETE', `/devices/${encodeURIComponent(deviceId)}`);
  }

  /** Signs out every device of this account except this one. */
  signOutOtherDevices(): Promise<void> {
    return this.#empty('DELETE', '/devices');
  }

  /** Finds a user by phone number, as typed; rejects with USER_NOT_FOUND. */
  lookupUser(phone: string): Promise<PublicUser> {
    return this.#json('GET', `/users/lookup?${new URLSearchParams({ phone })}`, publicUserSchema);
  }

  /** Every chat I am a member of (a new device's chat list). */
  async listChats(): Promise<Chat[]> {
    const { chats } = await this.#json('GET', '/chats', chatListSchema);
    return chats;
  }

  getChat(chatId: string): Promise<Chat> {
    return this.#json('GET', `/chats/${encodeURIComponent(chatId)}`, chatSchema);
  }

  /** The direct chat with a user, created if there is none yet. */
  openDirectChat(userId: string): Promise<Chat> {
    return this.#json('POST', '/chats/direct', chatSchema, { userId });
  }

  /** Creates a group with me as its admin. */
  createGroup(body: CreateGroup): Promise<Chat> {
    return this.#json('POST', '/chats/groups', chatSchema, body);
  }

  /** Renames a group or changes its description (admins). */
  updateGroup(chatId: string, body: UpdateGroup): Promise<Chat> {
    return this.#json('PATCH', `/chats/${encodeURIComponent(chatId)}`, chatSchema, body);
  }

  addMembers(chatId: string, userIds: string[]): Promise<Chat> {
    return this.#json('POST', `/chats/${encodeURIComponent(chatId)}/members`, chatSchema, { userIds });
  }

  /** Removes a member (admins), or leaves the group when `userId` is mine. */
  removeMember(chatId: string, userId: string): Promise<void> {
    return this.#empty(
      'DELETE',
      `/chats/${encodeURIComponent(chatId)}/members/${encodeURIComponent(userId)}`,
    );
  }

  setMemberRole(chatId: string, userId: string, role: MemberRole): Promise<Chat> {
    const path = `/chats/${encodeURIComponent(chatId)}/members/${encodeURIComponent(userId)}`;
    return this.#json('PATCH', path, chatSchema, { role });
  }

  /** Sets a group's picture from an image; the server re-encodes it, as for profile pictures. */
  uploadChatAvatar(chatId: string, file: Blob, options: UploadOptions = {}): Promise<Chat> {
    return this.#upload('PUT', `/chats/${encodeURIComponent(chatId)}/avatar`, file, chatSchema, options);
  }

  deleteChatAvatar(chatId: string): Promise<Chat> {
    return this.#json('DELETE', `/chats/${encodeURIComponent(chatId)}/avatar`, chatSchema);
  }

  /**
   * Uploads a photo, video, audio, file or voice message for a chat, with progress; the answer
   * (type sniffed, dimensions, duration, waveform) goes into a `media` or `voice` message by id.
   */
  uploadAttachment(chatId: string, file: Blob, options: AttachmentUploadOptions): Promise<Attachment> {
    const query = new URLSearchParams({ name: options.name, voice: options.voice ? '1' : '0' });
    const path = `/chats/${encodeURIComponent(chatId)}/attachments?${query}`;
    return this.#upload('POST', path, file, attachmentSchema, options);
  }

  /**
   * Downloads an attachment or its thumbnail (`attachment.url`, `attachment.thumbnailUrl`, paths
   * the server gave) with the session token. A whole-file download counts as this device's copy:
   * once every recipient device has one, the server deletes the file, and its thumbnail with it.
   */
  downloadAttachment(path: string): Promise<Blob> {
    return this.#download(this.#origin(path), null);
  }

  getPresence(userId: string): Promise<Presence> {
    return this.#json('GET', `/users/${encodeURIComponent(userId)}/presence`, presenceSchema);
  }

  /** Calls going on now in my chats (for the "join call" banner after a reload). */
  async activeCalls(): Promise<Call[]> {
    const { calls }: ActiveCalls = await this.#json('GET', '/calls/active', activeCallsSchema);
    return calls;
  }

  /** My call history, newest first; pass `nextBefore` as `before` for older calls. */
  callHistory(options: { before?: string; limit?: number } = {}): Promise<CallHistory> {
    const query = new URLSearchParams();
    if (options.before) query.set('before', options.before);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    const search = query.size > 0 ? `?${query}` : '';
    return this.#json('GET', `/calls${search}`, callHistorySchema);
  }

  /** Schedules a meeting, or starts an instant one when `scheduledFor` is left out. */
  createMeeting(body: CreateMeeting): Promise<Meeting> {
    return this.#json('POST', '/meetings', meetingSchema, body);
  }

  /** Meetings I own or joined. */
  listMeetings(): Promise<MeetingList> {
    return this.#json('GET', '/meetings', meetingListSchema);
  }

  getMeeting(meetingId: string): Promise<Meeting> {
    return this.#json('GET', `/meetings/${encodeURIComponent(meetingId)}`, meetingSchema);
  }

  /** Deletes a meeting I own. */
  deleteMeeting(meetingId: string): Promise<void> {
    return this.#empty('DELETE', `/meetings/${encodeURIComponent(meetingId)}`);
  }

  /** A past meeting's chat, as far as I may see it. */
  async getMeetingChat(meetingId: string): Promise<MeetingChatMessage[]> {
    const path = `/meetings/${encodeURIComponent(meetingId)}/chat`;
    const { messages } = await this.#json('GET', path, meetingChatSchema);
    return messages;
  }

  /** What the link (or meeting id and passcode) opens, before joining; needs no session. */
  previewMeeting(body: PreviewMeeting): Promise<MeetingPreview> {
    return this.#json('POST', '/meetings/preview', meetingPreviewSchema, body);
  }

  /**
   * A ticket into the meeting. With a session token I join as myself; without one, as a guest
   * (`displayName` and `guestKey`, see meetingGuestKey()).
   */
  joinMeeting(body: JoinMeeting): Promise<JoinTicket> {
    return this.#json('POST', '/meetings/join', joinTicketSchema, body);
  }

  /** Uploads a file for the meeting chat, with progress; authorized by the participant token. */
  uploadMeetingFile(
    participantToken: string,
    file: Blob,
    options: MeetingFileUploadOptions,
  ): Promise<MeetingFile> {
    const path = `/meetings/files?${new URLSearchParams({ name: options.name })}`;
    const credentials = participantHeader(participantToken);
    return this.#upload('POST', path, file, meetingFileSchema, options, credentials);
  }

  downloadMeetingFile(participantToken: string, fileId: string): Promise<Blob> {
    const url = this.#url(`/meetings/files/${encodeURIComponent(fileId)}`);
    return this.#download(url, participantHeader(participantToken));
  }

  /** Recordings I own, and those shared with me from meetings I was in. */
  async listRecordings(): Promise<Recording[]> {
    const { recordings } = await this.#json('GET', '/recordings', recordingListSchema);
    return recordings;
  }

  /**
   * What the playback page needs. Its URLs (video, transcript, chunks) are signed: a media element
   * loads them without the session; they come resolved against this client's server.
   */
  async getRecording(recordingId: string): Promise<RecordingPlayback> {
    const path = `/recordings/${encodeURIComponent(recordingId)}`;
    const playback = await this.#json('GET', path, recordingPlaybackSchema);
    const resolve = (url: string) => (url.startsWith('/') ? this.#origin(url) : url);
    return {
      ...playback,
      videoUrl: playback.videoUrl === null ? null : resolve(playback.videoUrl),
      transcriptUrl: playback.transcriptUrl === null ? null : resolve(playback.transcriptUrl),
      chunks: playback.chunks.map((chunk) => ({ ...chunk, url: resolve(chunk.url) })),
    };
  }

  /** Shares a recording I own with the meeting's signed-in participants, or stops sharing it. */
  shareRecording(recordingId: string, shared: boolean): Promise<Recording> {
    const path = `/recordings/${encodeURIComponent(recordingId)}`;
    return this.#json('PATCH', path, recordingSchema, { shared });
  }

  /** Deletes a recording I own; refused with RECORDING_STATE while it is still recording. */
  deleteRecording(recordingId: string): Promise<void> {
    return this.#empty('DELETE', `/recordings/${encodeURIComponent(recordingId)}`);
  }

  /** Renders a recording I own again after its render failed; poll getRecording() for progress. */
  renderRecordingAgain(recordingId: string): Promise<Recording> {
    return this.#json('POST', `/recordings/${encodeURIComponent(recordingId)}/render`, recordingSchema);
  }

  /** `credentials` replaces the session's Authorization header (meeting files use the participant token). */
  async #download(url: string, credentials: Record<string, string> | null): Promise<Blob> {
    const token = credentials ? null : this.#token;
    let response: Response;
    try {
      response = await this.#fetch(url, { headers: credentials ?? this.#authHeader() });
    } catch (cause) {
      throw ApiError.network(cause);
    }
    await this.#throwUnlessOk(response, token);
    try {
      return await response.blob();
    } catch (cause) {
      throw ApiError.network(cause);
    }
  }

  async #upload<T>(
    method: 'PUT' | 'POST',
    path: string,
    file: Blob,
    schema: Schema<T>,
    options: UploadOptions,
    credentials: Record<string, string> | null = null,
  ): Promise<T> {
    const url = this.#url(path);
    const contentType = file.type || 'application/octet-stream';
    const headers = { ...(credentials ?? this.#authHeader()), 'Content-Type': contentType };
    // A participant token is no session: its rejection must not sign the device out.
    const token = credentials ? null : this.#token;
    let response: Response;
    try {
      response =
        typeof XMLHttpRequest === 'undefined'
          ? await this.#fetch(url, { method, headers, body: file })
          : await xhrRequest(url, { method, headers, body: file }, (f) => options.onProgress?.(f));
    } catch (cause) {
      throw ApiError.network(cause);
    }
    await this.#throwUnlessOk(response, token);
    options.onProgress?.(1);
    return parseJson(response, schema);
  }

  async #json<T>(method: Method, path: string, schema: Schema<T>, body?: unknown): Promise<T> {
    return parseJson(await this.#request(method, path, body), schema);
  }

  async #empty(method: Method, path: string, body?: unknown): Promise<void> {
    await this.#request(method, path, body);
  }

  async #request(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = this.#authHeader();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = this.#token;
    let response: Response;
    try {
      response = await this.#fetch(this.#url(path), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw ApiError.network(cause);
    }
    await this.#throwUnlessOk(response, token);
    return response;
  }

  async #throwUnlessOk(response: Response, sentToken: string | null): Promise<void> {
    if (response.ok) return;
    const error = await ApiError.fromResponse(response);
    // Only the token still in use can end the session: a late reply to a request made with an
    // older token (before a new sign-in) must not sign the new session out.
    if (error.code === 'UNAUTHENTICATED' && sentToken !== null && sentToken === this.#token) {
      this.#onUnauthenticated?.();
    }
    throw error;
  }

  #authHeader(): Record<string, string> {
    return this.#token === null ? {} : { Authorization: `Bearer ${this.#token}` };
  }

  #url(path: string): string {
    return `${this.#baseUrl}/api/v1${path}`;
  }

  /** A path the server returned (it starts with /api/v1) on this client's server. */
  #origin(path: string): string {
    return `${this.#baseUrl}${path}`;
  }
}

function participantHeader(participantToken: string): Record<string, string> {
  return { 'x-participant-token': participantToken };
}

async function parseJson<T>(response: Response, schema: Schema<T>): Promise<T> {
  try {
    return schema.parse(await response.json());
  } catch (cause) {
    throw ApiError.invalidResponse(response.status, cause);
  }
}
