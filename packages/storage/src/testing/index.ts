export { createTestSchema, type TestSchema } from './create-test-schema.ts';
export { probeServices } from './probe-services.ts';
export { requireServices } from './require-services.ts';
export { type ServiceName, serviceUrls } from './service-urls.ts';
export { type S3rverInstance, startS3rver } from './start-s3rver.ts';
