import type { AnyOperation } from '../operation.ts';

/** Attachment upload and download operations. */
export const attachmentOperations: AnyOperation[] = [];
