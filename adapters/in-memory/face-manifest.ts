/**
 * Face manifests: sample photos for the in-memory face recognizer declare
 * which faces they show, so demos can exercise "several faces" and "no face"
 * without a real recognition model.
 *
 * JPEG: a COM segment right after SOI holding `doorbell-faces: alice, stranger`.
 * PNG:  a tEXt chunk right after IHDR, keyword `doorbell-faces`, text `alice, stranger`.
 * An empty label list (`doorbell-faces:`) means "no face in this photo".
 *
 * The reader is fed arbitrary uploads, so it never throws: anything malformed,
 * truncated or unknown reads as "no manifest" (undefined).
 */

export class FaceManifestError extends Error {
  override readonly name = 'FaceManifestError';
}

const KEYWORD = 'doorbell-faces';
const JPEG_PREFIX = `${KEYWORD}:`;
const LABEL = /^[a-z0-9][a-z0-9-]{0,31}$/;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Face labels a sample photo declares, or undefined when it declares nothing (the recognizer then treats the photo's
 * bytes as one face). An empty array means "no face in this photo".
 */
export function readFaceManifest(photo: Uint8Array): readonly string[] | undefined {
  const jpeg = jpegSegments(photo);
  if (jpeg) {
    const comment = jpeg.segments.find((s) => isJpegManifest(photo, s));
    return comment && parseLabels(photo.subarray(comment.data + JPEG_PREFIX.length, comment.dataEnd));
  }
  const png = pngChunks(photo);
  if (png) {
    const chunk = png.chunks.find((c) => isPngManifest(photo, c));
    if (!chunk) return undefined;
    // Only this chunk's CRC is checked: a corrupted manifest must not be trusted,
    // while the image chunks are the decoder's business, not ours.
    const storedCrc = readU32(photo, chunk.dataEnd);
    if (crc32(photo.subarray(chunk.start + 4, chunk.dataEnd)) !== storedCrc) return undefined;
    return parseLabels(photo.subarray(chunk.data + KEYWORD.length + 1, chunk.dataEnd));
  }
  return undefined;
}

/**
 * Returns a copy of the JPEG or PNG with the manifest embedded (replacing any existing one).
 * @throws FaceManifestError on bytes that are neither JPEG nor PNG, or on an invalid label.
 */
export function withFaceManifest(photo: Uint8Array, labels: readonly string[]): Uint8Array {
  for (const label of labels) {
    if (typeof label !== 'string' || !LABEL.test(label)) {
      throw new FaceManifestError(`invalid face label ${JSON.stringify(label)}: expected ${String(LABEL)}`);
    }
  }
  const text = labels.join(', ');

  const jpeg = jpegSegments(photo);
  if (jpeg) {
    const payload = ascii(labels.length > 0 ? `${JPEG_PREFIX} ${text}` : JPEG_PREFIX);
    const length = payload.length + 2; // the length field counts itself
    if (length > 0xffff) throw new FaceManifestError(`too many face labels for one JPEG comment (${labels.length})`);
    const comment = concat([Uint8Array.of(0xff, 0xfe, length >> 8, length & 0xff), payload]);
    const kept = jpeg.segments.filter((s) => !isJpegManifest(photo, s)).map((s) => photo.subarray(s.start, s.end));
    return concat([photo.subarray(0, 2), comment, ...kept, photo.subarray(jpeg.scanStart)]);
  }

  const png = pngChunks(photo);
  if (png) {
    const body = concat([ascii('tEXt'), ascii(KEYWORD), Uint8Array.of(0), ascii(text)]);
    const chunk = concat([u32(body.length - 4), body, u32(crc32(body))]); // length counts data only
    // kept[0] is IHDR (never a manifest); the new chunk goes right after it.
    const kept = png.chunks.filter((c) => !isPngManifest(photo, c)).map((c) => photo.subarray(c.start, c.end));
    const signature = photo.subarray(0, PNG_SIGNATURE.length);
    const trailer = photo.subarray(png.end); // bytes after IEND, kept as-is
    return concat([signature, ...kept.slice(0, 1), chunk, ...kept.slice(1), trailer]);
  }

  throw new FaceManifestError('expected a well-formed JPEG or PNG');
}

/** One JPEG segment or PNG chunk: its whole byte range, its marker (JPEG only) and its payload range. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly marker?: number;
  readonly data: number;
  readonly dataEnd: number;
}

/**
 * The segments between SOI and the first SOS, or undefined if the bytes are
 * not a complete JPEG. Requiring an EOI after SOS rejects truncated uploads:
 * a half-received photo should not be trusted to show the faces it declares.
 */
function jpegSegments(b: Uint8Array): { segments: Span[]; scanStart: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const segments: Span[] = [];
  let pos = 2;
  for (;;) {
    const start = pos;
    if (b[pos] !== 0xff) return undefined;
    while (b[pos + 1] === 0xff) pos++; // 0xFF fill bytes may pad a marker
    const marker = b[pos + 1];
    // Before SOS only length-carrying segments are expected; standalone
    // markers (SOI, EOI, RSTn, TEM) or a missing marker mean it is not a JPEG we trust.
    if (marker === undefined || marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      return undefined;
    }
    const length = ((b[pos + 2] ?? 0) << 8) | (b[pos + 3] ?? 0);
    const end = pos + 2 + length;
    if (length < 2 || end > b.length) return undefined;
    if (marker === 0xda) return hasEoi(b, end) ? { segments, scanStart: start } : undefined;
    segments.push({ start, end, marker, data: pos + 4, dataEnd: end });
    pos = end;
  }
}

/** Entropy-coded data stuffs every 0xFF with 0x00, so FF D9 only ever appears as the real EOI. */
function hasEoi(b: Uint8Array, from: number): boolean {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  }
  return false;
}

function isJpegManifest(b: Uint8Array, s: Span): boolean {
  return s.marker === 0xfe && startsWith(b, s.data, JPEG_PREFIX, s.dataEnd);
}

/**
 * The chunks from IHDR to IEND inclusive, or undefined if the bytes are not a
 * complete PNG (wrong signature, IHDR not first, a chunk overrunning the
 * data, or no IEND, i.e. truncated). Bytes after IEND are ignored.
 */
function pngChunks(b: Uint8Array): { chunks: Span[]; end: number } | undefined {
  if (b.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return undefined;
  const chunks: Span[] = [];
  let pos = PNG_SIGNATURE.length;
  while (pos + 12 <= b.length) {
    const length = readU32(b, pos);
    const end = pos + 12 + length; // length + type + data + CRC
    if (length > 0x7fffffff || end > b.length) return undefined;
    if (chunks.length === 0 && !startsWith(b, pos + 4, 'IHDR')) return undefined;
    chunks.push({ start: pos, end, data: pos + 8, dataEnd: end - 4 });
    if (startsWith(b, pos + 4, 'IEND')) return { chunks, end };
    pos = end;
  }
  return undefined;
}

function isPngManifest(b: Uint8Array, c: Span): boolean {
  return startsWith(b, c.start + 4, 'tEXt') && startsWith(b, c.data, `${KEYWORD}\0`, c.dataEnd);
}

/** `alice, stranger` → ['alice', 'stranger']; blank → [] (no face); anything else invalid → undefined. */
function parseLabels(bytes: Uint8Array): readonly string[] | undefined {
  let text = '';
  for (const byte of bytes) {
    if (byte < 0x20 || byte > 0x7e) return undefined; // printable ASCII only
    text += String.fromCharCode(byte);
  }
  if (text.trim() === '') return Object.freeze([]);
  const labels = text.split(',').map((label) => label.trim());
  return labels.every((label) => LABEL.test(label)) ? Object.freeze(labels) : undefined;
}

/** Whether `text` occurs at `pos`, entirely before `limit` (so a match never spills into the next segment). */
function startsWith(b: Uint8Array, pos: number, text: string, limit = b.length): boolean {
  if (pos + text.length > limit) return false;
  for (let i = 0; i < text.length; i++) {
    if (b[pos + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function readU32(b: Uint8Array, pos: number): number {
  return (((b[pos] ?? 0) << 24) | ((b[pos + 1] ?? 0) << 16) | ((b[pos + 2] ?? 0) << 8) | (b[pos + 3] ?? 0)) >>> 0;
}

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as PNG requires, over chunk type + data. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
