// Files handed to the browser (CSV reports, exports): with a name to save them under, never cached.
export function fileResponse(body: string, filename: string, contentType = 'text/csv; charset=utf-8'): Response {
  return new Response(body, {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
