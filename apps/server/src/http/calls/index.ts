import { activeCallsOperation } from './active-calls.ts';
import { listCallsOperation } from './list-calls.ts';

export const callOperations = [listCallsOperation, activeCallsOperation];
