export { ApiClient, type ApiClientOptions, type UploadOptions } from './api-client.ts';
export { ApiError, type ClientErrorCode, type ErrorDetails, isApiError } from './api-error.ts';
