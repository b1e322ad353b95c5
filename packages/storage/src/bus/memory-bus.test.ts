import { describeBusContract } from './bus.contract.ts';
import { MemoryBus } from './memory-bus.ts';

describeBusContract('MemoryBus', async ({ onHandlerError }) => {
  const first = new MemoryBus({ onHandlerError });
  const second = new MemoryBus({ sharedWith: first, onHandlerError });
  return { first, second, dispose: async () => void (await Promise.all([first.close(), second.close()])) };
});
