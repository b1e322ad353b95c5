/**
 * With PARLEY_DEV=1 the last code sent to each number is kept here (in this node's memory) so that
 * tests and local trials can sign in without an SMS gateway. It does not exist otherwise.
 */
export class DevOtpOutbox {
  private readonly last = new Map<string, { challengeId: string; code: string }>();

  record(phone: string, challengeId: string, code: string): void {
    this.last.set(phone, { challengeId, code });
  }

  lastFor(phone: string): { challengeId: string; code: string } | undefined {
    return this.last.get(phone);
  }
}
