import { callHistoryQuerySchema, callHistorySchema } from '@parley/protocol';
import { callHistory } from '../../calls/call-history.ts';
import { defineOperation } from '../operation.ts';

export const listCallsOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/calls',
  summary: 'My call history, newest first: outgoing, incoming and missed calls with their duration',
  tag: 'calls',
  auth: true,
  query: callHistoryQuerySchema,
  response: { status: 200, schema: callHistorySchema },
  handler: (ctx, { query, session }) => callHistory(ctx, session.userId, query),
});
