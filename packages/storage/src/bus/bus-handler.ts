/** A subscriber's callback. */
export type BusHandler = (message: unknown) => void;

/** Told when a handler throws; the other handlers still get the message. */
export type BusHandlerErrorListener = (error: unknown, topic: string) => void;

/** Default listener: a handler's bug must not stop delivery, nor go unseen. */
export const logHandlerError: BusHandlerErrorListener = (error, topic) => {
  console.error(`[bus] a handler of topic ${JSON.stringify(topic)} threw`, error);
};

/** Serializes a message as the Redis bus carries it; both buses do, so both reject the same values. */
export function encodeMessage(message: unknown): string {
  const payload = JSON.stringify(message);
  if (payload === undefined) throw new TypeError('a bus message must be a JSON value');
  return payload;
}
