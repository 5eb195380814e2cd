import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { inspectPdf } from './inspectPdf.js';

/** What a material is: a portrait (the two-inch photo) or a document photographed or scanned. */
export type UploadPurpose = 'portrait' | 'document';

export type StoredMime = 'image/jpeg' | 'application/pdf';

export type UploadProblem =
  | 'empty'
  | 'tooLarge'
  | 'type'
  | 'undecodable'
  | 'bomb'
  | 'pdfActiveContent'
  | 'pdfEncrypted'
  | 'portraitLandscape'
  | 'portraitTooSmall'
  /** The two-inch photo sent as a PDF or another non-image file. */
  | 'notPhoto';

export type Inspected =
  | { ok: true; mime: StoredMime; bytes: Buffer; width?: number; height?: number; pages?: number }
  | { ok: false; problem: UploadProblem; detail?: string };

export interface UploadLimits {
  /** Largest file accepted, in bytes (UPLOAD_MAX_BYTES; 10 MB by default). */
  maxBytes: number;
  /** Largest decoded image, in pixels: a tiny file that decodes to gigapixels is a bomb. */
  maxPixels: number;
  /** Longest side kept: readable on a screen and in print, a fraction of a phone photo's bytes. */
  keepLongSide: number;
  /** The two-inch photo's least width and height in pixels (a 295x413 photo is 2 inches at 150 dpi). */
  portraitMin: { width: number; height: number };
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 50_000_000,
  keepLongSide: 2400,
  portraitMin: { width: 295, height: 413 },
};

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif']);

/**
 * Checks an uploaded file by its content, never by its name or declared type, and returns what
 * may be stored: images decoded and re-encoded as JPEG (EXIF and location dropped, orientation
 * applied, size capped), PDFs kept as sent once nothing active is found in them.
 */
export async function inspectUpload(bytes: Buffer, purpose: UploadPurpose, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<Inspected> {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > limits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === 'application/pdf') {
    if (purpose === 'portrait') return { ok: false, problem: 'notPhoto' };
    const pdf = inspectPdf(bytes);
    return pdf.ok ? { ok: true, mime: 'application/pdf', bytes, pages: pdf.pages } : { ok: false, problem: pdf.problem, detail: pdf.detail };
  }
  if (!type || !IMAGE_TYPES.has(type.mime)) return { ok: false, problem: purpose === 'portrait' ? 'notPhoto' : 'type', detail: type?.mime };
  const image = await reencodeImage(bytes, type.mime, limits);
  if (!image.ok) return image;
  if (purpose === 'portrait') {
    if (image.width > image.height) return { ok: false, problem: 'portraitLandscape' };
    if (image.width < limits.portraitMin.width || image.height < limits.portraitMin.height) return { ok: false, problem: 'portraitTooSmall' };
  }
  return image;
}

type Reencoded = { ok: true; mime: 'image/jpeg'; bytes: Buffer; width: number; height: number } | { ok: false; problem: UploadProblem; detail?: string };

async function reencodeImage(bytes: Buffer, mime: string, limits: UploadLimits): Promise<Reencoded> {
  try {
    const input = await decodedInput(bytes, mime, limits);
    if (!input.ok) return input;
    const { data, info } = await input.image
      .rotate() // EXIF orientation applied, so the photo stands as it was taken once EXIF is gone
      .resize({ width: limits.keepLongSide, height: limits.keepLongSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    // sharp writes no metadata unless asked: EXIF, GPS and XMP are not carried over.
    return { ok: true, mime: 'image/jpeg', bytes: data, width: info.width, height: info.height };
  } catch (err) {
    const message = (err as Error).message;
    if (/pixel limit/i.test(message)) return { ok: false, problem: 'bomb' };
    return { ok: false, problem: 'undecodable', detail: message.slice(0, 200) };
  }
}

async function decodedInput(bytes: Buffer, mime: string, limits: UploadLimits): Promise<{ ok: true; image: Sharp } | { ok: false; problem: UploadProblem }> {
  const options = { limitInputPixels: limits.maxPixels, failOn: 'error' as const };
  if (mime !== 'image/heic' && mime !== 'image/heif') return { ok: true, image: sharp(bytes, options) };
  // sharp's bundled libheif reads AVIF only; iPhone photos (HEVC) are decoded by libheif's wasm build.
  const header = await sharp(bytes, options).metadata().catch(() => undefined);
  if (header?.width && header.height && header.width * header.height > limits.maxPixels) return { ok: false, problem: 'bomb' };
  if (header?.format === 'heif' && header.compression === 'av1') return { ok: true, image: sharp(bytes, options) };
  const { default: decodeHeic } = await import('heic-decode');
  const decoded = await decodeHeic({ buffer: bytes });
  if (decoded.width * decoded.height > limits.maxPixels) return { ok: false, problem: 'bomb' };
  return { ok: true, image: sharp(Buffer.from(decoded.data.buffer), { raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: limits.maxPixels }) };
}
