// The back office under its own Content Security Policy, in Chromium: the page is served with a policy that allows
// no inline or evaluated script, carries no inline script, and every screen of every role runs without Chromium
// reporting a single violation (a `securitypolicyviolation` event, collected from the first byte of each page).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO, HAS_CHROMIUM, useBackOffice } from './browser-harness.ts';

const INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));

describe.skipIf(!HAS_CHROMIUM)('the back office under its CSP in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('serves a policy with no inline script and a page without one', async () => {
    await withPage(async (page) => {
      const response = await page.goto('/');
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
      const script = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(script.trim()).toBe("'self'");
      const html = await readFile(INDEX, 'utf8');
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attrs, body]) => !/\bsrc=/.test(attrs ?? '') || (body ?? '').trim(),
      );
      expect(inline).toEqual([]);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    });
  });

  for (const login of [DEMO.manager, DEMO.accountant, DEMO.committee, DEMO.entrepreneur, DEMO.admin]) {
    it(`runs every screen of ${login.role} without a CSP violation`, async () => {
      await withPage(async (page) => {
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { cspViolations: string[] }).cspViolations = seen;
          document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        await signInAs(page, login);
        const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
        const seen: string[] = [];
        for (const nav of login.nav) {
          await page.locator(`[data-nav="${nav}"]`).click();
          await page.waitForLoadState('networkidle');
          seen.push(...(await violations()).map((v) => `${nav}: ${v}`));
        }
        expect(seen).toEqual([]);
      });
    });
  }
});
