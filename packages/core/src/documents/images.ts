// Images printed on documents (logos): only PNG and JPEG, recognised by their bytes rather than by what the
// client claims, and small enough to embed in every PDF.
import { invalid } from '../errors.ts';

export const MAX_LOGO_BYTES = 512 * 1024;
export type ImageType = 'image/png' | 'image/jpeg';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The image type of these bytes, or null when they are neither PNG nor JPEG. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(PNG)) return 'image/png';
  if (starts(JPEG)) return 'image/jpeg';
  return null;
}

/** Checks a logo upload; returns its real type. */
export function checkLogo(bytes: Uint8Array, field = 'logo'): ImageType {
  if (bytes.length === 0) throw invalid(field, 'the file is empty');
  if (bytes.length > MAX_LOGO_BYTES)
    throw invalid(field, `at most ${MAX_LOGO_BYTES / 1024} KiB, received ${Math.ceil(bytes.length / 1024)} KiB`);
  const type = sniffImage(bytes);
  if (!type) throw invalid(field, 'expected a PNG or JPEG image');
  return type;
}
