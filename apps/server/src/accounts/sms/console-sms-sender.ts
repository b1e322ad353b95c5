import type { Logger } from 'pino';
import type { SmsSender } from './sms-sender.ts';

/** Development and single-operator setups: the code appears in the server log. */
export class ConsoleSmsSender implements SmsSender {
  constructor(private readonly logger: Logger) {}

  async send(to: string, text: string): Promise<void> {
    this.logger.info({ to }, text);
  }
}
