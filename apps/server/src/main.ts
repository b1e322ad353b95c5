import { ConfigError, readConfig } from './config.ts';
import { createContext } from './context.ts';
import { startServer } from './server.ts';

try {
  const startedAt = performance.now();
  const config = readConfig();
  const ctx = await createContext(config);
  const server = await startServer(ctx);
  ctx.logger.info(
    { url: server.url, storage: config.storage.kind, ms: Math.round(performance.now() - startedAt) },
    'Parley is ready',
  );
  console.log(`Parley is running at ${config.port === 0 ? server.url : config.publicUrl}`);

  const shutdown = (signal: string) => {
    ctx.logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  console.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error);
  process.exit(1);
}
