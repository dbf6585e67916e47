// Browser test of the observatory, in Chromium: the observatory login sees only its screen (in French, then in
// Arabic right to left), the figures change with a province (hidden below three members, the reason said) and
// with the rural area, and the XLSX it downloads holds the numbers on the screen; the manager gets the report PDF.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readXlsxSheet } from '../../../packages/core/test/reporting/support.ts';
import { DEMO, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice, visibleNav } from './browser-harness.ts';

/** The digits of a figure as shown, whatever the language's grouping. */
const figure = async (page: Page, key: string) =>
  ((await page.getByTestId(`obs-figure-${key}`).textContent()) ?? '').replace(/[^\d—]/g, '');

async function filter(page: Page, values: { province?: string; area?: string }) {
  await page.getByTestId('obs-province').selectOption(values.province ?? '');
  await page.getByTestId('obs-area').selectOption(values.area ?? '');
  await page.getByTestId('obs-apply').click();
}

describe.skipIf(!HAS_CHROMIUM)('the observatory in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('shows the observatory login its screen only; a province of one member is hidden; the XLSX matches the screen', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.observatory);
      expect(await visibleNav(page)).toEqual(DEMO.observatory.nav);
      await page.goto('/observatory');
      // the seven demo members, 24 + 31 + 18 + 22 + 15 + 12 + 9 people
      await expect.poll(() => figure(page, 'members')).toBe('7');
      expect(await figure(page, 'people')).toBe('131');
      // every province holds one member: hidden for the observatory, with the reason
      expect(await page.getByTestId('obs-table-province').locator('[data-suppressed="true"]').count()).toBe(7);

      await filter(page, { province: 'chefchaouen' });
      await expect.poll(() => figure(page, 'members')).toBe('—');
      expect(await page.getByTestId('obs-hidden-note').textContent()).toContain('moins de 3 membres');

      await filter(page, { area: 'rural' });
      // M01, M05, M06, M07: 24 + 15 + 12 + 9 people
      await expect.poll(() => figure(page, 'members')).toBe('4');
      expect(await figure(page, 'people')).toBe('60');
      await screenshot(page, 'observatory-fr');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('obs-xlsx').click()]);
      const sheet = readXlsxSheet(new Uint8Array(readFileSync((await download.path()) as string)), 1);
      const header = sheet[0] ?? [];
      const total = sheet[1] ?? [];
      expect([total[header.indexOf('membres')], total[header.indexOf('personnes')]]).toEqual(['4', '60']);

      // the members' registry is not for this role
      await page.goto('/members');
      await page.getByTestId('not-allowed').waitFor();
      expect(pathOf(page)).toBe('/members');
    });
  });

  it('reads in Arabic, right to left, with the same figures', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.observatory);
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await page.goto('/observatory');
      await expect.poll(() => figure(page, 'members')).toBe('7');
      expect(await page.locator('h1').first().textContent()).toContain('المرصد');
      await filter(page, { province: 'tetouan' });
      await expect.poll(() => figure(page, 'members')).toBe('—');
      const table = page.getByTestId('obs-table-sector');
      expect(await table.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      await screenshot(page, 'observatory-ar');
    });
  });

  it('lets the manager prepare and download the activity report', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/observatory');
      await page.getByTestId('obs-report').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('obs-report').click()]);
      expect(download.suggestedFilename()).toMatch(/^rapport-activite-\d{4}\.pdf$/);
      const bytes = readFileSync((await download.path()) as string);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    });
  });
});
