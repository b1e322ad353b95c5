import type { AnyOperation } from '../operation.ts';
import { downloadAttachmentOperation } from './download-attachment.ts';
import { downloadThumbnailOperation } from './download-thumbnail.ts';
import { markAttachmentDownloadedOperation } from './mark-attachment-downloaded.ts';
import { uploadAttachmentOperation } from './upload-attachment.ts';

/** Attachment upload and download operations. */
export const attachmentOperations: AnyOperation[] = [
  uploadAttachmentOperation,
  downloadAttachmentOperation,
  downloadThumbnailOperation,
  markAttachmentDownloadedOperation,
];
