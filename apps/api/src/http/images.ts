// Logo uploads and downloads: the raw image as the request or response body, PNG or JPEG.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';
import { errorResponses } from './schemas.ts';

export const imageBody = {
  required: true,
  content: {
    'image/png': { schema: z.string().openapi({ format: 'binary' }) },
    'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
  },
};

export const imageResponses = {
  200: {
    description: 'The image',
    content: {
      'image/png': { schema: z.string().openapi({ format: 'binary' }) },
      'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
  ...errorResponses,
};

/** The uploaded image bytes; the core checks what they really are. */
export async function readImage(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? '';
  if (!/^image\/(png|jpeg)$/i.test(type.split(';')[0]?.trim() ?? '')) {
    throw new ProblemError(415, `expected image/png or image/jpeg, received ${type || 'no content type'}`, [
      { path: 'content-type', location: 'header', message: 'expected image/png or image/jpeg' },
    ]);
  }
  return new Uint8Array(await c.req.arrayBuffer());
}

export function imageResponse(image: { bytes: Uint8Array; mediaType: string } | null, what: string): Response {
  if (!image) throw new ProblemError(404, `${what} has no logo`);
  return new Response(new Uint8Array(image.bytes), {
    headers: { 'content-type': image.mediaType, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' },
  });
}
