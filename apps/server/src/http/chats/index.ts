import type { AnyOperation } from '../operation.ts';

/** Chat and group operations (membership and settings; messages travel over the gateway). */
export const chatOperations: AnyOperation[] = [];
