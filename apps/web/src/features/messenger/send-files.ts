import type { Messenger } from '@parley/client';
import { describeError } from '../../app/error-messages.ts';
import type { UploadTracker } from './upload-tracker.ts';

const uploadMessages = { PAYLOAD_TOO_LARGE: 'That file is too large to send.' } as const;

/**
 * Uploads files and sends them as one message (or one voice message), showing progress in a
 * pending bubble until the message is stored; a failure stays there with Retry.
 */
export function sendFiles(
  messenger: Messenger,
  uploads: UploadTracker,
  chatId: string,
  files: File[],
  options: { voice: boolean; replyTo?: string },
): void {
  const id = uploads.start(chatId, files, options.voice);
  upload(messenger, uploads, id, chatId, files, options);
}

/** Sends a failed upload again, with the same files. */
export function retryUpload(messenger: Messenger, uploads: UploadTracker, uploadId: string): void {
  const pending = uploads.snapshot().find((upload) => upload.id === uploadId);
  if (!pending) return;
  uploads.progress(uploadId, 0);
  upload(messenger, uploads, uploadId, pending.chatId, pending.files, { voice: pending.voice });
}

function upload(
  messenger: Messenger,
  uploads: UploadTracker,
  id: string,
  chatId: string,
  files: File[],
  options: { voice: boolean; replyTo?: string },
): void {
  messenger
    .sendAttachments(chatId, files, {
      voice: options.voice,
      ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      onProgress: (fraction) => uploads.progress(id, fraction),
    })
    .then(
      () => uploads.remove(id),
      (caught: unknown) => uploads.fail(id, describeError(caught, uploadMessages)),
    );
}
