import type { Attachment } from '@parley/protocol';

/** Where attachment bytes come from: this device's copies (the SDK's AttachmentCache). */
export interface AttachmentSource {
  /** The thumbnail, or the photo itself when this device has it. */
  preview(attachment: Attachment): Promise<Blob>;
  file(attachment: Attachment): Promise<Blob>;
}
