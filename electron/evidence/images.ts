// Photo handling with sharp: size (after EXIF rotation), optional downscale, thumbnails.
import sharp from 'sharp';
import { ApiError } from '../../shared/api/define';
import type { PhotoDownscale } from '../../shared/domain/evidence';

export const THUMB_EDGE = 320;

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height as the photo is shown (EXIF orientations 5–8 swap them). */
/** A photo as sharp reads it: a file on disk (streamed by libvips) or bytes in memory. */
export type ImageInput = string | Uint8Array;

/**
 * A decode failure after the header read fine: the pixels stop early or are damaged
 * (a copy cut short, a phone upload interrupted). libvips words this differently per
 * format ("premature end of JPEG image", "libpng read error"), so every such failure gets
 * the one message that says so, instead of 'internal' with a stack.
 */
export function imageError(e: unknown, name: string): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('invalid_args', 'evidence.truncatedImage', { name });
}

export async function imageSize(bytes: ImageInput, name: string): Promise<ImageSize> {
  try {
    const m = await sharp(bytes, { failOn: 'error' }).metadata();
    if (!m.width || !m.height) throw new Error('no size');
    const swap = (m.orientation ?? 1) >= 5;
    return swap ? { width: m.height, height: m.width } : { width: m.width, height: m.height };
  } catch {
    // No readable header: not an image at all (a cut-off file fails later, in decoding).
    throw new ApiError('invalid_args', 'evidence.badImage', { name });
  }
}

export interface Downscaled {
  bytes: Uint8Array;
  mime: string;
  size: ImageSize;
}

/**
 * Shrinks a photo whose longest edge exceeds the setting, rotated upright by its EXIF
 * orientation. Returns null when it is small enough, animated, or the setting is off.
 */
export async function downscalePhoto(bytes: ImageInput, mime: string, setting: PhotoDownscale, size: ImageSize): Promise<Downscaled | null> {
  if (setting === 'off' || mime === 'image/gif') return null;
  const edge = Number(setting);
  if (Math.max(size.width, size.height) <= edge) return null;
  const pipeline = sharp(bytes, { failOn: 'error' }).rotate().resize(edge, edge, { fit: 'inside', withoutEnlargement: true });
  const { data, info } =
    mime === 'image/png'
      ? await pipeline.png().toBuffer({ resolveWithObject: true })
      : mime === 'image/webp'
        ? await pipeline.webp({ quality: 85 }).toBuffer({ resolveWithObject: true })
        : await pipeline.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
  const outMime = mime === 'image/png' || mime === 'image/webp' ? mime : 'image/jpeg';
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mime: outMime, size: { width: info.width, height: info.height } };
}

/** A small upright JPEG for lists and reports. */
export async function makeThumbnail(bytes: ImageInput): Promise<Uint8Array> {
  const data = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 72 })
    .toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
