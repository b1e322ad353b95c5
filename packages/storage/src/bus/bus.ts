/**
 * Publish/subscribe between server nodes. Messages are JSON values; delivery is at most once,
 * in publish order per topic and publisher. In-process for one node, Redis pub/sub for several.
 */
export interface Bus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes this handler. */
  subscribe(topic: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
