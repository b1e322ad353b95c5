import { access, constants } from 'node:fs/promises';
import { runMediaTool } from '../../media-tools/media-tools.ts';

// Where distributions put a plain sans font (Debian/Ubuntu, Alpine, Fedora, Arch, macOS).
const candidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
];

let found: Promise<string | null> | undefined;

/**
 * The font file for names drawn on the video, or null when this ffmpeg cannot draw text (built
 * without drawtext) or no font is installed: the render then goes on without names.
 */
export function captionFont(): Promise<string | null> {
  found ??= locate();
  return found;
}

async function locate(): Promise<string | null> {
  const filters = await runMediaTool('ffmpeg', ['-hide_banner', '-filters'], {
    timeoutMs: 15_000,
    maxStdoutBytes: 1024 * 1024,
  }).catch(() => Buffer.alloc(0));
  if (!/\sdrawtext\s/.test(filters.toString('utf8'))) return null;
  for (const file of candidates) {
    try {
      await access(file, constants.R_OK);
      return file;
    } catch {
      // not installed here
    }
  }
  return null;
}
