// A long pooling call (preview, draft, post) with its progress: asks for a stream of JSON lines
// ({"progress":{done,total,phase}} … then {"result":…} or {"problem":…}) and falls back to a plain JSON answer.
import { ApiProblem, apiFetch, toProblem } from '../api/client.ts';

export interface CallProgress {
  done: number;
  total: number;
  phase?: string;
}

interface StreamLine<T> {
  progress?: CallProgress;
  result?: T;
  problem?: { status?: number; title?: string; detail?: string; errors?: Array<{ path: string; message: string }> };
}

export interface ProgressCallOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  onProgress?: (progress: CallProgress) => void;
}

/** Calls `path` and returns its result; a refusal (in the stream or as a status) is thrown as an ApiProblem. */
export async function progressCall<T>(
  path: string,
  { method = 'POST', body, headers = {}, onProgress }: ProgressCallOptions = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    headers: { accept: 'application/x-ndjson, application/json, application/problem+json', ...headers },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await apiFetch(path, init);
  if (!response.ok) throw await toProblem(response);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('ndjson') || !response.body) return (await response.json()) as T;
  let result: T | undefined;
  let problem: StreamLine<T>['problem'] | undefined;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const take = (text: string) => {
    if (!text.trim()) return;
    const line = JSON.parse(text) as StreamLine<T>;
    if (line.progress) onProgress?.(line.progress);
    if (line.result !== undefined) result = line.result;
    if (line.problem) problem = line.problem;
  };
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      take(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
    if (done) break;
  }
  take(buffer);
  if (result !== undefined) return result;
  const p = problem ?? { status: 500, title: 'No result' };
  throw new ApiProblem(p.status ?? 500, p.title ?? 'Error', p.detail, p.errors ?? []);
}
