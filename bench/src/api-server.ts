// The server of the API benchmark, in its own process so that its memory is its own: the real app on the bench's
// dataset, and beside it on the same server a bare Hono "hello" route, the reference. Prints its port when ready.
import type { AddressInfo } from 'node:net';
import { createApp } from '@gie-ecp/api';
import { type DatabaseConfig, openDatabase } from '@gie-ecp/core';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const config = JSON.parse(process.env.BENCH_DATABASE_CONFIG ?? '{}') as DatabaseConfig;
const { db, engine } = await openDatabase(config);
const app = createApp({ db, engine, version: 'bench' });
const hello = new Hono().get('/hello', (c) => c.text('hello'));
const server = serve({
  fetch: (request, env) => (new URL(request.url).pathname === '/hello' ? hello.fetch(request, env) : app.fetch(request, env)),
  port: 0,
  hostname: '127.0.0.1',
});
server.once('listening', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
// exit on the bench's SIGTERM, so that a `--cpu-prof` run (NODE_OPTIONS) writes its profile
process.once('SIGTERM', () => process.exit(0));
