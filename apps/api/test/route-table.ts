// The API's route table as the tests see it: every operation of the OpenAPI document with its declared access.
import type { App } from './support.ts';

export type Access = 'public' | 'signed-in' | string[];

interface Operation {
  key: string;
  method: string;
  path: string;
  access: Access;
}

export async function operations(app: App): Promise<Operation[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-access': Access }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      access: op['x-access'],
    })),
  );
}
