/** The slice of a pino-style logger the SDK uses: context object first, then the message. */
export interface Logger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
}

/** The default: the SDK stays quiet unless the app passes a logger. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
};
