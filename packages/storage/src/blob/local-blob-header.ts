import type { FileHandle } from 'node:fs/promises';

// A local blob file is this header followed by the blob's bytes: magic, the length of the
// metadata, the metadata as JSON. Keeping the content type inside the file makes a put one
// rename, so a reader never pairs new bytes with an old type, and reads the header and the bytes
// through one open file even while a put replaces it.
const MAGIC = Buffer.from('PBL1', 'latin1');
const PREFIX_LENGTH = MAGIC.length + 4;
const MAX_METADATA_LENGTH = 64 * 1024;

interface Metadata {
  contentType: string;
}

/** The header to write before a blob's bytes. */
export function encodeHeader(metadata: Metadata): Buffer {
  const json = Buffer.from(JSON.stringify(metadata), 'utf8');
  const prefix = Buffer.alloc(PREFIX_LENGTH);
  MAGIC.copy(prefix);
  prefix.writeUInt32BE(json.length, MAGIC.length);
  return Buffer.concat([prefix, json]);
}

/** Reads the header of an open blob file: its metadata, and where the blob's bytes start. */
export async function readHeader(file: FileHandle): Promise<Metadata & { offset: number }> {
  const prefix = await readExactly(file, 0, PREFIX_LENGTH);
  const length = prefix.readUInt32BE(MAGIC.length);
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC) || length > MAX_METADATA_LENGTH) {
    throw new Error('not a blob file: bad header');
  }
  const metadata: unknown = JSON.parse((await readExactly(file, PREFIX_LENGTH, length)).toString('utf8'));
  if (!isMetadata(metadata)) throw new Error('not a blob file: bad metadata');
  return { contentType: metadata.contentType, offset: PREFIX_LENGTH + length };
}

async function readExactly(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read({ buffer, position, length });
  if (bytesRead !== length) throw new Error('not a blob file: truncated header');
  return buffer;
}

function isMetadata(value: unknown): value is Metadata {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { contentType?: unknown }).contentType === 'string'
  );
}
