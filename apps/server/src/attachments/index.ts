/**
 * Attachments: files uploaded into a chat, sent in messages, downloaded by members' devices, and
 * deleted once nothing holds them. The lifecycle, and who calls what:
 *
 * 1. upload (HTTP): stored unsent, kept 24 h (`uploadAttachment`).
 * 2. send (messaging): `resolveAttachments` before the send transaction, `linkAttachments` inside it.
 * 3. each recipient device downloads it: a whole-file GET or `POST .../downloaded` (`markDownloaded`).
 * 4. messaging deletes the message body (every delivery acknowledged): `releaseAttachments`.
 *    An attachment goes once 3 is done for every device and 4 has happened, whichever comes last.
 * 5. delete for everyone: `deleteMessageAttachments`, at once. TTL: `sweepAttachments`, periodically.
 */
export {
  deleteMessageAttachments,
  markDownloaded,
  releaseAttachments,
  sweepAttachments,
} from './collect-attachments.ts';
export { contentDisposition } from './file-name.ts';
export { findDownloadable } from './find-downloadable.ts';
export { linkAttachments, resolveAttachments } from './link-attachments.ts';
export { type UploadRequest, uploadAttachment, uploadDirectory } from './upload-attachment.ts';
