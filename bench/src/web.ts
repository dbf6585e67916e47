// The back office's first load: the JavaScript Chromium fetches to show the dashboard (gzipped, as served over the
// wire), and the time from navigation to the dashboard's welcome heading, for a signed-in manager.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from '@gie-ecp/api';
import { chromium } from 'playwright-core';
import { type Row, round } from './measure.ts';

const BUILD_SCRIPT = fileURLToPath(new URL('../../apps/web/scripts/build-if-needed.mjs', import.meta.url));
const WEB_ROOT = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `loads` page loads, the first of which (warming Chromium up) is not counted. */
export async function firstLoad(loads = 5): Promise<Row> {
  const what = 'back office first load';
  const goal = '≤ 100 KB gzipped JS; dashboard < 1 s';
  // a production bundle, whatever NODE_ENV the bench runs under
  await promisify(execFile)(process.execPath, [BUILD_SCRIPT], { env: { ...process.env, NODE_ENV: 'production' } });
  if (!existsSync(CHROMIUM))
    return {
      what,
      result: null,
      reference: null,
      ratio: null,
      goal,
      met: null,
      remark: `no Chromium at ${CHROMIUM}: apt-get install chromium`,
    };
  const server = await startServer({
    database: { engine: 'pglite' },
    port: 0,
    demo: true,
    webRoot: WEB_ROOT,
    logger: { log: () => {} },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    const signIn = await context.request.post('/api/auth/login', {
      data: { email: 'gerant@demo.gie-ecp.ma', password: 'demo-gie-2026' },
    });
    if (!signIn.ok()) throw new Error(`sign-in refused: ${signIn.status()}`);
    const times: number[] = [];
    let gzipped = 0;
    let raw = 0;
    for (let i = 0; i < Math.max(2, loads); i++) {
      const page = await context.newPage();
      const scripts: Array<Promise<Buffer>> = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.js')) scripts.push(response.body());
      });
      const started = performance.now();
      await page.goto('/', { waitUntil: 'commit' });
      await page.getByTestId('welcome').waitFor({ state: 'visible' });
      times.push(performance.now() - started);
      const bodies = await Promise.all(scripts);
      gzipped = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
      raw = bodies.reduce((n, b) => n + b.length, 0);
      await page.close();
    }
    // the first load warms Chromium itself: the median of the others
    const visible = [...times.slice(1)].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)] as number;
    const kb = gzipped / 1024;
    return {
      what,
      result: { value: round(kb, 1), unit: 'KB gzipped JS', note: `dashboard visible in ${round(visible)} ms` },
      reference: null,
      ratio: null,
      goal,
      met: kb <= 100 && visible < 1000,
      remark: `${round(kb, 1)} KB gzipped (${round(raw / 1024, 1)} KB raw) of JavaScript; dashboard visible in ${Math.round(visible)} ms`,
      extra: { gzippedKB: round(kb, 1), rawKB: round(raw / 1024, 1), dashboardMs: round(visible) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
