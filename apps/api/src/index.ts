// @gie-ecp/api: the HTTP application, the server and the command line.
export { type ApiRoutes, createApp } from './app.ts';
export type { AppDeps } from './http/env.ts';
export { startServer } from './server.ts';
