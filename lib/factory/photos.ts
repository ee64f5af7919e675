import "server-only";
// Factory photos: checked by their bytes (magic numbers and dimensions read from the headers — the
// declared MIME type is only a hint) and stored in PostgreSQL as FactoryPhoto rows in the caller's
// transaction, so every app instance serves them with no shared disk (photo-serving.ts). No database
// import here: the checks stay unit-testable.
import type { Tx } from "@/lib/db";
import { checkPhotoList, type PhotoType } from "./schemas";

export const MIN_PHOTO_SIDE = 100;
export const MAX_PHOTO_SIDE = 12_000;
export const MAX_PHOTO_PIXELS = 40_000_000; // a decompression bomb stops here

export interface ImageInfo {
  mimeType: PhotoType;
  width: number;
  height: number;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, offset: number, text: string) => startsWith(bytes, [...text].map((c) => c.charCodeAt(0)), offset);
const u16be = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u16le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u24le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
const u32be = (b: Uint8Array, o: number) => ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);

/** The type and pixel size of a JPEG, PNG or WebP image, read from its headers; null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 30) return null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 12, "IHDR")) {
    return { mimeType: "image/png", width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(bytes);
    return size && { mimeType: "image/jpeg", ...size };
  }
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
    const size = webpSize(bytes);
    return size && { mimeType: "image/webp", ...size };
  }
  return null;
}

// Walks the JPEG segments up to the first SOFn marker (baseline, progressive…), which holds the size.
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return null;
    const marker = b[offset + 1];
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // no length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data or end before any frame header
    const length = u16be(b, offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, offset + 5), width: u16be(b, offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  if (ascii(b, 12, "VP8X")) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (ascii(b, 12, "VP8 ") && startsWith(b, [0x9d, 0x01, 0x2a], 23)) {
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (ascii(b, 12, "VP8L") && b[20] === 0x2f) {
    return {
      width: 1 + (b[21] | ((b[22] & 0x3f) << 8)),
      height: 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10)),
    };
  }
  return null;
}

export interface CheckedPhoto extends ImageInfo {
  bytes: Uint8Array<ArrayBuffer>;
}

export type PhotoCheck = { ok: true; photos: CheckedPhoto[] } | { ok: false; code: string };

/**
 * Checks the uploaded files (empty file inputs are ignored): at most MAX_PHOTOS, each ≤ 5 MB, each a
 * real JPEG/PNG/WebP of sensible dimensions. Reads nothing when the list itself is wrong.
 */
export async function checkPhotos(files: readonly Blob[]): Promise<PhotoCheck> {
  const listError = checkPhotoList(files);
  if (listError) return { ok: false, code: listError };
  const photos: CheckedPhoto[] = [];
  for (const file of files.filter((f) => f.size > 0)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const info = sniffImage(bytes);
    if (!info) return { ok: false, code: "photos.type" };
    const { width, height } = info;
    if (width < MIN_PHOTO_SIDE || height < MIN_PHOTO_SIDE) return { ok: false, code: "photos.too_small" };
    if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE || width * height > MAX_PHOTO_PIXELS) return { ok: false, code: "photos.dimensions" };
    photos.push({ ...info, bytes });
  }
  return { ok: true, photos };
}

/** The FactoryPhoto rows, original bytes included, in upload order, in the caller's transaction. */
export async function recordPhotos(tx: Tx, factoryId: string, photos: readonly CheckedPhoto[], alt = ""): Promise<void> {
  if (photos.length === 0) return;
  await tx.factoryPhoto.createMany({
    data: photos.map(({ bytes, mimeType, width, height }, position) => ({ factoryId, data: bytes, mimeType, width, height, alt, position })),
  });
}
