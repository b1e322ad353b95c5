/**
 * Turns on Opus in-band FEC (speech survives packet loss) and DTX (silence costs almost nothing,
 * which matters with many muted-but-open microphones) in every audio m-section. A sender's Opus
 * encoder follows the receiver's fmtp, so the publish connection applies this to the SFU's answer;
 * it is applied to the offer too, which tells the SFU what this browser prefers.
 */
export function withOpusFecAndDtx(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const sections = splitSections(sdp.split(eol));
  return sections.flatMap(opusSection).join(eol);
}

/** The codecs with those of `mimeType` first, the rest in their order (for setCodecPreferences). */
export function preferCodec<C extends { mimeType: string }>(codecs: readonly C[], mimeType: string): C[] {
  const wanted = mimeType.toLowerCase();
  const first = codecs.filter((codec) => codec.mimeType.toLowerCase() === wanted);
  return [...first, ...codecs.filter((codec) => codec.mimeType.toLowerCase() !== wanted)];
}

const opusParams = { useinbandfec: '1', usedtx: '1' };

/** The session part, then one array of lines per m-section. */
function splitSections(lines: string[]): string[][] {
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections.at(-1)?.push(line);
  }
  return sections;
}

function opusSection(lines: string[]): string[] {
  const payloads = new Set(lines.flatMap((line) => /^a=rtpmap:(\d+) opus\/48000/i.exec(line)?.[1] ?? []));
  if (payloads.size === 0) return lines;
  const hasFmtp = new Set<string>();
  const updated = lines.map((line) => {
    const match = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!match?.[1] || !payloads.has(match[1])) return line;
    hasFmtp.add(match[1]);
    return `a=fmtp:${match[1]} ${withParams(match[2] ?? '', opusParams)}`;
  });
  return updated.flatMap((line) => {
    const payload = /^a=rtpmap:(\d+) opus\/48000/i.exec(line)?.[1];
    if (!payload || hasFmtp.has(payload)) return [line];
    return [line, `a=fmtp:${payload} ${withParams('', opusParams)}`];
  });
}

/** Sets `key=value` parameters in an fmtp parameter list, keeping the others and their order. */
function withParams(list: string, params: Record<string, string>): string {
  const entries = list
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals < 0 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    }) as [string, string][];
  for (const [key, value] of Object.entries(params)) {
    const existing = entries.find(([name]) => name.toLowerCase() === key);
    if (existing) existing[1] = value;
    else entries.push([key, value]);
  }
  return entries.map(([key, value]) => (value === '' ? key : `${key}=${value}`)).join(';');
}
