// What every browser test file of the back office shares: the built apps/web/dist served by the real API (in-memory
// PGlite, demo GIE) and Debian's Chromium driven by playwright-core, the demo logins, and helpers to sign in, read
// the focus through shadow roots, and take screenshots when SCREENSHOT_DIR is set.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from '@gie-ecp/api';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const BROWSER_REQUIRED = process.env.REQUIRE_BROWSER === '1';
const WEB_ROOT = fileURLToPath(new URL('../dist/', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../scripts/build-if-needed.mjs', import.meta.url));
export const PASSWORD = 'demo-gie-2026';

/** The demo logins and what the navigation table must give each of them, written out, not derived. */
export const DEMO = {
  admin: {
    email: 'admin@demo.gie-ecp.ma',
    name: 'Amina Admin',
    role: 'Administrateur',
    nav: ['home', 'members', 'parties', 'invoicing', 'ledger', 'observatory', 'settings', 'users'],
  },
  manager: {
    email: 'gerant@demo.gie-ecp.ma',
    name: 'Youssef El Amrani',
    role: 'Gérant',
    nav: [
      'home',
      'members',
      'parties',
      'invoicing',
      'invoicingValidation',
      'ledger',
      'pooling',
      'reporting',
      'selection',
      'observatory',
      'settings',
    ],
  },
  accountant: {
    email: 'comptable@demo.gie-ecp.ma',
    name: 'Karima Benali',
    role: 'Comptable',
    nav: ['home', 'members', 'parties', 'invoicing', 'ledger', 'pooling', 'reporting', 'observatory', 'settings'],
  },
  committee: {
    email: 'comite@demo.gie-ecp.ma',
    name: 'Said Ouazzani',
    role: 'Membre du comité',
    nav: ['home', 'members', 'selection'],
  },
  entrepreneur: {
    email: 'entrepreneur@demo.gie-ecp.ma',
    name: 'Fatima Zahra Alaoui',
    role: 'Entrepreneur',
    nav: ['home', 'members', 'parties', 'invoicing', 'pooling'],
  },
  observatory: {
    email: 'observatoire@demo.gie-ecp.ma',
    name: 'Observatoire régional de l’ESS',
    role: 'Observatoire',
    nav: ['home', 'observatory'],
  },
} as const;

export type DemoLogin = (typeof DEMO)[keyof typeof DEMO];

export interface BackOffice {
  /** A fresh browser context (no cookie, no stored language), closed after `use`; page errors fail the test. */
  withPage(use: (page: Page) => Promise<void>): Promise<void>;
  signIn(page: Page, email: string, password?: string): Promise<void>;
  signInAs(page: Page, login: DemoLogin): Promise<void>;
}

/**
 * Builds the back office if needed, starts the API on an in-memory demo database and Chromium, for the tests of
 * the calling describe block; each file gets its own server, so its data starts as the demo's.
 */
export function useBackOffice(): BackOffice {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // a child process: vitest's own NODE_ENV=test must not leak into a production bundle
    const { stdout } = await promisify(execFile)(process.execPath, [BUILD_SCRIPT], {
      env: { ...process.env, NODE_ENV: 'production' },
    });
    console.log(stdout.trim());
    server = await startServer({
      database: { engine: 'pglite' },
      port: 0,
      demo: true,
      webRoot: WEB_ROOT,
      logger: { log: () => {} },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function withPage(use: (page: Page) => Promise<void>): Promise<void> {
    const context: BrowserContext = await browser!.newContext({ baseURL: server!.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // the 401 of /api/auth/me before sign-in is expected and Chromium logs every failed load
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(`console error: ${message.text()}`);
      }
    });
    try {
      await use(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }

  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto('/');
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function signInAs(page: Page, login: DemoLogin): Promise<void> {
    await signIn(page, login.email);
    await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBe(login.name);
  }

  return { withPage, signIn, signInAs };
}

export const visibleNav = (page: Page) =>
  page.locator('[data-nav]').evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')));

/** The element that has the keyboard, looking into the shadow roots on the way. */
export const focusedTestId = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.getAttribute('data-testid') ?? element?.id ?? element?.tagName ?? null;
  });

export const htmlAttributes = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/** The path of the page's address. */
export const pathOf = (page: Page) => new URL(page.url()).pathname;

/** A full-page screenshot into SCREENSHOT_DIR (outside the repository), for a person to look at the layout. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // animations and the caret would make two shots of the same screen differ
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}
