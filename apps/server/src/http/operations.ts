import type { AppContext } from '../context.ts';
import { attachmentOperations } from './attachments/index.ts';
import { passwordSignInOperation } from './auth/password-sign-in.ts';
import { requestOtpOperation } from './auth/request-otp.ts';
import { signOutOperation } from './auth/sign-out.ts';
import { verifyOtpOperation } from './auth/verify-otp.ts';
import { readBlobOperation } from './blobs/read-blob.ts';
import { callOperations } from './calls/index.ts';
import { chatOperations } from './chats/index.ts';
import { getDevOtpOperation } from './dev/get-dev-otp.ts';
import { listDevicesOperation } from './devices/list-devices.ts';
import { signOutDeviceOperation } from './devices/sign-out-device.ts';
import { signOutOtherDevicesOperation } from './devices/sign-out-other-devices.ts';
import { getMeOperation } from './me/get-me.ts';
import { removeAvatarOperation } from './me/remove-avatar.ts';
import { setAvatarOperation } from './me/set-avatar.ts';
import { setPasswordOperation } from './me/set-password.ts';
import { updateMeOperation } from './me/update-me.ts';
import { meetingOperations } from './meetings/index.ts';
import type { AnyOperation } from './operation.ts';
import { recordingOperations } from './recordings/index.ts';
import { healthOperation, metricsOperation, readinessOperation } from './system/health.ts';
import { lookupUserOperation } from './users/lookup-user.ts';

/** Every HTTP operation of the API, in the order the OpenAPI document lists them. */
export function allOperations(ctx: AppContext): AnyOperation[] {
  return [
    requestOtpOperation,
    verifyOtpOperation,
    passwordSignInOperation,
    signOutOperation,
    getMeOperation,
    updateMeOperation,
    setAvatarOperation,
    removeAvatarOperation,
    setPasswordOperation,
    listDevicesOperation,
    signOutDeviceOperation,
    signOutOtherDevicesOperation,
    lookupUserOperation,
    ...chatOperations,
    ...attachmentOperations,
    ...meetingOperations,
    ...recordingOperations,
    ...callOperations,
    readBlobOperation,
    healthOperation,
    readinessOperation,
    metricsOperation,
    ...(ctx.config.dev ? [getDevOtpOperation] : []),
  ];
}
