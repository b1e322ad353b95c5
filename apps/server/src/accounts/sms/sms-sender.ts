/** Sends a text message to a phone number; the only way codes leave the server. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}
