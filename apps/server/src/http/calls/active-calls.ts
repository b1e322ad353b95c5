import { activeCallsSchema } from '@parley/protocol';
import { activeCalls } from '../../calls/call-history.ts';
import { defineOperation } from '../operation.ts';

export const activeCallsOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/calls/active',
  summary: 'Calls ringing or going on now in my chats (for the "join call" banner)',
  tag: 'calls',
  auth: true,
  response: { status: 200, schema: activeCallsSchema },
  handler: async (ctx, { session }) => ({ calls: await activeCalls(ctx, session.userId) }),
});
