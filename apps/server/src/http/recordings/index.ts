import { deleteRecordingOperation } from './delete-recording.ts';
import { getRecordingOperation } from './get-recording.ts';
import { listRecordingsOperation } from './list-recordings.ts';
import { renderRecordingAgainOperation } from './render-recording-again.ts';
import { updateRecordingOperation } from './update-recording.ts';

export const recordingOperations = [
  listRecordingsOperation,
  getRecordingOperation,
  updateRecordingOperation,
  deleteRecordingOperation,
  renderRecordingAgainOperation,
];
