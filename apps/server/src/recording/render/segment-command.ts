import { inputArgs } from '../../media-tools/probe-media.ts';
import type { Clip, RenderPlan, RenderSegment } from './render-plan.ts';

const sampleRate = 48_000;
// Voices are mixed in mono (a stereo screen share is folded down): an implicit mono-to-stereo
// conversion would lower every mic by 3 dB, this copies the mix to both channels at full level.
const toStereo = 'pan=stereo|c0=c0|c1=c0';
const background = '0x1f2023';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The ffmpeg arguments that render one segment into a Matroska file of H.264 and PCM holding
 * exactly the segment's frames (the background's length) and audio samples, so that segments join
 * without drift. (No -frames:v: reaching it ends the whole output and cuts the last audio packets.)
 *
 * Every clip is its own input, cut with -ss/-t and moved to its place with setpts (video) or
 * adelay (audio). The picture is a chain of overlays on a plain background, later clips of a track
 * on top of earlier ones (each is letterboxed to its whole box, so it hides the one before); a clip
 * that ends holds its last frame (`eof_action=repeat`), which covers the short holes between
 * chunks. The audio is every clip mixed without normalization (a voice does not get quieter when
 * another joins), padded with silence and cut to the exact length.
 */
export function segmentCommand(
  plan: RenderPlan,
  segment: RenderSegment,
  output: string,
  fontFile: string | null,
): string[] {
  const { width, height, frameRate } = plan;
  const samples = Math.round((segment.durationMs * sampleRate) / 1000);
  const inputs: string[] = [];
  const graph: string[] = [];
  let inputCount = 0;
  const addInput = (clip: Clip, options: string[] = []) => {
    const cut = ['-ss', seconds(clip.fromMs), '-t', seconds(clip.durationMs)];
    inputs.push(...options, ...cut, ...inputArgs(clip.file, 'matroska'));
    inputCount += 1;
    return inputCount - 1;
  };

  graph.push(`color=c=${background}:s=${width}x${height}:r=${frameRate}:d=${seconds(segment.durationMs)}[p]`);
  let picture = 'p';
  const place = (clips: Clip[], box: Box) => {
    for (const clip of clips) {
      // WebRTC senders change resolution mid-chunk: a new frame size must not rebuild the graph
      // (that restarts every filter and breaks the timing); the scaler keeps its output size.
      const i = addInput(clip, ['-reinit_filter', '0']);
      graph.push(
        `[${i}:v:0]setpts=PTS-STARTPTS+${seconds(clip.atMs)}/TB,${letterbox(box)},setsar=1[v${i}]`,
        `[${picture}][v${i}]overlay=x=${box.x}:y=${box.y}:eof_action=repeat[p${i}]`,
      );
      picture = `p${i}`;
    }
  };

  const full = { x: 0, y: 0, width, height };
  const margin = even(height / 40);
  const tile = { width: even(width / 4), height: even(height / 4), x: 0, y: 0 };
  tile.x = width - tile.width - margin;
  tile.y = height - tile.height - margin;
  const text = fontFile ? new TextWriter(fontFile) : undefined;
  const { layout } = segment;
  switch (layout.kind) {
    case 'speaker':
      place(layout.camera, full);
      text?.caption(layout.name, even(height / 24), margin, height - margin);
      break;
    case 'screen':
      place(layout.screen, full);
      place(layout.camera, tile);
      if (layout.name !== null) {
        text?.caption(layout.name, even(height / 45), tile.x + margin / 2, tile.y + tile.height - margin / 2);
      }
      break;
    case 'names': {
      // More names than fit say how many more instead.
      const shown =
        layout.names.length > 8 ? [...layout.names.slice(0, 7), `+${layout.names.length - 7}`] : layout.names;
      const lineHeight = even(height / 12);
      shown.forEach((name, i) => {
        text?.centered(name, even(height / 20), height / 2 + (i - (shown.length - 1) / 2) * lineHeight);
      });
      break;
    }
    case 'empty':
      text?.centered('No camera, microphone or screen on', even(height / 20), height / 2, 'gray');
      break;
    case 'interrupted':
      text?.centered('Recording interrupted', even(height / 20), height / 2, 'gray');
      break;
  }
  graph.push(`[${picture}]${[...(text?.filters ?? []), 'format=yuv420p'].join(',')}[vout]`);

  const mixed = segment.audio.map((clip) => {
    const i = addInput(clip);
    const delay = Math.round((clip.atMs * sampleRate) / 1000);
    graph.push(
      `[${i}:a:0]asetpts=PTS-STARTPTS,aresample=${sampleRate},` +
        `aformat=sample_fmts=fltp:channel_layouts=mono,adelay=delays=${delay}S:all=1[a${i}]`,
    );
    return `[a${i}]`;
  });
  graph.push(
    mixed.length === 0
      ? `anullsrc=r=${sampleRate}:cl=mono,atrim=end_sample=${samples},${toStereo}[aout]`
      : `${mixed.join('')}amix=inputs=${mixed.length}:normalize=0:duration=longest,` +
          `apad=whole_len=${samples},atrim=end_sample=${samples},${toStereo}[aout]`,
  );

  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
    ...inputs,
    ...['-filter_complex', graph.join(';'), '-map', '[vout]', '-map', '[aout]'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'pcm_s16le', '-ar', String(sampleRate), '-ac', '2'],
    ...['-map_metadata', '-1', '-fflags', '+bitexact', '-f', 'matroska', output],
  ];
}

/**
 * Scales a picture to fit the box, aspect kept, and pads it black to the box. Not scale's
 * force_original_aspect_ratio: the fitted size is computed once (the scaler re-applies it to a
 * picture whose size changes mid-chunk), so the padding always matches. A change of aspect ratio
 * mid-chunk (a shared window resized) is stretched to the first one until the next chunk.
 */
function letterbox(box: Box): string {
  const { width: w, height: h } = box;
  const wide = `gt(dar,${w}/${h})`;
  const fitWidth = `if(${wide},${w},max(2,trunc(${h}*dar/2)*2))`;
  const fitHeight = `if(${wide},max(2,trunc(${w}/dar/2)*2),${h})`;
  return `scale=w='${fitWidth}':h='${fitHeight}',pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`;
}

/** drawtext filters for names on the picture. */
class TextWriter {
  readonly filters: string[] = [];

  constructor(private readonly fontFile: string) {}

  /** Bottom-left at (x, bottom), on a dark box so it reads on any picture. */
  caption(value: string, size: number, x: number, bottom: number) {
    this.draw(value, size, `x=${Math.round(x)}:y=${Math.round(bottom)}-th`, 'white', size / 3);
  }

  /** Centred horizontally, its middle at `middle`. */
  centered(value: string, size: number, middle: number, color = 'white') {
    this.draw(value, size, `x=(w-tw)/2:y=${Math.round(middle)}-th/2`, color, 0);
  }

  private draw(value: string, size: number, position: string, color: string, boxBorder: number) {
    const line = oneLine(value);
    // drawtext refuses to start without text.
    if (line === '') return;
    const box = boxBorder > 0 ? `:box=1:boxcolor=black@0.55:boxborderw=${Math.round(boxBorder)}` : '';
    this.filters.push(
      `drawtext=fontfile=${filterValue(this.fontFile)}:expansion=none:text=${filterValue(line)}` +
        `:fontsize=${size}:fontcolor=${color}${box}:${position}`,
    );
  }
}

/**
 * A value for a filter option inside a -filter_complex graph. Names are typed by people: quote
 * both levels ffmpeg parses (the option list, then the graph), so no name can end the option or
 * the filter and inject another.
 */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, '\\$&');
  return option.replace(/[\\'[\],;]/g, '\\$&');
}

// drawtext would start a new line at a newline; a name is one line.
function oneLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function even(px: number): number {
  return Math.round(px / 2) * 2;
}
