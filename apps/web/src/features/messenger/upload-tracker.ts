/** A message whose files are still uploading (the message is stored once they are all up). */
export interface PendingUpload {
  id: string;
  chatId: string;
  files: File[];
  voice: boolean;
  /** 0..1 */
  progress: number;
  /** Why the upload failed, in plain words; null while it runs. */
  error: string | null;
  startedAt: string;
}

type Listener = () => void;

/**
 * Uploads in flight, kept outside any one screen so a chat shows its uploads again when the
 * person comes back to it. Snapshots are immutable, for useSyncExternalStore.
 */
export class UploadTracker {
  #uploads: readonly PendingUpload[] = [];
  readonly #listeners = new Set<Listener>();
  #nextId = 0;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  snapshot = (): readonly PendingUpload[] => this.#uploads;

  start(chatId: string, files: File[], voice: boolean): string {
    this.#nextId += 1;
    const id = `upload-${this.#nextId}`;
    const upload: PendingUpload = {
      id,
      chatId,
      files,
      voice,
      progress: 0,
      error: null,
      startedAt: new Date().toISOString(),
    };
    this.#set([...this.#uploads, upload]);
    return id;
  }

  progress(id: string, progress: number): void {
    this.#update(id, { progress, error: null });
  }

  fail(id: string, error: string): void {
    this.#update(id, { error });
  }

  remove(id: string): void {
    this.#set(this.#uploads.filter((upload) => upload.id !== id));
  }

  #update(id: string, change: Partial<PendingUpload>): void {
    this.#set(this.#uploads.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)));
  }

  #set(uploads: readonly PendingUpload[]): void {
    this.#uploads = uploads;
    for (const listener of [...this.#listeners]) listener();
  }
}
