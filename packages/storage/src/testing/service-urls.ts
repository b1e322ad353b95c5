/** Where tests find PostgreSQL and Redis: the environment, else the services of the test machines. */
export const serviceUrls = {
  postgres: process.env.PARLEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redis: process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
} as const;

/** A service the tests can need. */
export type ServiceName = keyof typeof serviceUrls;
