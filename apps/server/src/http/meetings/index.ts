import { createMeetingOperation } from './create-meeting.ts';
import { deleteMeetingOperation } from './delete-meeting.ts';
import { downloadMeetingFileOperation } from './download-meeting-file.ts';
import { getMeetingOperation } from './get-meeting.ts';
import { getMeetingChatOperation } from './get-meeting-chat.ts';
import { joinMeetingOperation } from './join-meeting.ts';
import { listMeetingsOperation } from './list-meetings.ts';
import { previewMeetingOperation } from './preview-meeting.ts';
import { uploadMeetingFileOperation } from './upload-meeting-file.ts';

export const meetingOperations = [
  createMeetingOperation,
  listMeetingsOperation,
  previewMeetingOperation,
  joinMeetingOperation,
  uploadMeetingFileOperation,
  downloadMeetingFileOperation,
  getMeetingOperation,
  deleteMeetingOperation,
  getMeetingChatOperation,
];
