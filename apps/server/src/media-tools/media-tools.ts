import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConcurrencyLimit } from '../concurrency-limit.ts';

export type MediaTool = 'ffmpeg' | 'ffprobe';

/** Why a tool run failed: `unavailable` is the deployment's fault, the others the file's. */
export class MediaToolError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'failed' | 'timeout' | 'output-limit',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'MediaToolError';
  }
}

export interface RunOptions {
  timeoutMs: number;
  /** Collected standard output beyond this fails the run (ignored with `onStdout`). */
  maxStdoutBytes?: number;
  /** Receives standard output as it comes instead of collecting it. */
  onStdout?: (chunk: Buffer) => void;
  /** Aborting kills the tool (or keeps a queued run from starting); the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

const installers: Record<MediaTool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};
const resolved = new Map<MediaTool, string>();
// Each run decodes media on its own threads: a burst of uploads or renders queues instead of starving the node.
const runs = new ConcurrencyLimit(Math.max(1, availableParallelism()));
const stderrTailBytes = 2048;

/**
 * The tool's executable: the one on PATH when there is one (a distribution's build is newer than
 * the bundled 2018 ffmpeg and decodes more codecs), else the binary of the npm installer package.
 */
export function mediaToolPath(tool: MediaTool): string {
  let found = resolved.get(tool);
  if (found === undefined) {
    found = onPath(tool) ?? fromInstaller(tool);
    resolved.set(tool, found);
  }
  return found;
}

/**
 * Runs ffmpeg or ffprobe on untrusted media: no stdin, a time limit after which it is killed, and
 * bounded output. Resolves with the collected standard output; rejects with a MediaToolError.
 */
export function runMediaTool(tool: MediaTool, args: string[], options: RunOptions): Promise<Buffer> {
  return runs.run(() => spawnTool(tool, args, options));
}

function spawnTool(tool: MediaTool, args: string[], options: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let executable: string;
    try {
      executable = mediaToolPath(tool);
    } catch (error) {
      reject(new MediaToolError('unavailable', `${tool} is not installed`, { cause: error }));
      return;
    }
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: MediaToolError | undefined;
    const stop = (error: MediaToolError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new MediaToolError('timeout', `${tool} took longer than ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      if (options.onStdout) {
        try {
          options.onStdout(chunk);
        } catch (error) {
          stop(new MediaToolError('failed', `${tool} output was not usable`, { cause: error }));
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > (options.maxStdoutBytes ?? Number.POSITIVE_INFINITY)) {
        stop(new MediaToolError('output-limit', `${tool} wrote more than ${options.maxStdoutBytes} bytes`));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-stderrTailBytes);
    });
    let settled = false;
    const settle = (error: MediaToolError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) reject(signal.reason);
      else if (error) reject(error);
      else resolve(Buffer.concat(stdout));
    };
    // 'close' may not follow 'error' when the process never started: settle on either.
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' || error.code === 'EACCES' ? 'unavailable' : 'failed';
      stop(new MediaToolError(reason, `${tool} could not be started`, { cause: error }));
      settle(failure);
    });
    child.on('close', (code) => {
      const exited =
        code === 0
          ? undefined
          : new MediaToolError('failed', `${tool} exited with ${code}: ${stderr.trim()}`);
      settle(failure ?? exited);
    });
  });
}

function onPath(tool: MediaTool): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function fromInstaller(tool: MediaTool): string {
  // Loaded lazily: the installer packages throw at import on platforms they have no binary for.
  const installer = createRequire(import.meta.url)(installers[tool]) as { path: string };
  return installer.path;
}
