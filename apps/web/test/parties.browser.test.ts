// Browser tests of customers and suppliers, in Chromium: the accountant records a customer company (the API asks
// for its ICE first), a second one with a similar name is flagged as a possible duplicate, and the two are merged
// from the duplicates review; the entrepreneur sees customers only; the GIE settings, by role.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const rowsOf = (page: Page, testid: string) =>
  page
    .getByTestId(testid)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td, th'), (cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      ),
    );

describe.skipIf(!HAS_CHROMIUM)('customers and suppliers in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('lets the accountant create a customer company, warns of a similar one, and merge the two', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.locator('[data-nav="parties"]').click();
      await page.getByTestId('parties-empty').waitFor();
      expect(await page.locator('[data-nav="parties"]').textContent()).toBe('Clients et fournisseurs');
      await page.getByTestId('party-new').click();
      await page.getByTestId('party-form').waitFor();
      expect(pathOf(page)).toBe('/parties/new');

      // a Moroccan company without its ICE: the API says so, on the ICE field
      await page.getByTestId('party-field-name').fill('Société Atlas Distribution');
      await page.getByTestId('party-field-city').fill('Tanger');
      await page.getByTestId('party-submit').click();
      const ice = page.getByTestId('party-field-ice');
      await expect.poll(() => ice.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#party-ice-error').textContent()).toContain('required for a Moroccan company');
      expect(await focusedTestId(page)).toBe('party-field-ice');

      // past 60 days the form asks for the written agreement
      expect(await page.getByTestId('party-field-paymentTermsAgreement').count()).toBe(0);
      await page.getByTestId('party-field-paymentDays').fill('90');
      await page.getByTestId('party-field-paymentTermsAgreement').waitFor();
      await page.getByTestId('party-field-paymentDays').fill('45');
      await expect.poll(() => page.getByTestId('party-field-paymentTermsAgreement').count()).toBe(0);

      await ice.fill('001122334000055');
      await page.getByTestId('party-submit').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/parties\/\d+$/);
      const firstPath = pathOf(page);
      await expect.poll(() => page.getByTestId('party-notice').textContent()).toContain('Société Atlas Distribution');
      expect(await page.getByTestId('party-possible-duplicates').count()).toBe(0);
      expect(await page.getByTestId('party-name').textContent()).toContain('Société Atlas Distribution');

      // a second company with a similar name: created, with a warning that links to the first
      await page.goto('/parties/new');
      await page.getByTestId('party-field-name').fill('Ste Atlas Distribution SARL');
      await page.getByTestId('party-field-ice').fill('001122334000066');
      await page.getByTestId('party-submit').click();
      const warning = page.getByTestId('party-possible-duplicates');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('ressemble');
      expect(await warning.locator(`a[href="${firstPath}"]`).textContent()).toContain('Société Atlas Distribution');
      await screenshot(page, 'party-duplicate-warning-fr');

      // both in the list, found by their name
      await page.locator('[data-nav="parties"]').click();
      await page.getByTestId('party-search').fill('atlas');
      await expect.poll(() => rowsOf(page, 'parties-table')).toHaveLength(2);

      // the review lists them as one group; the merge needs a reason
      await page.getByTestId('party-duplicates').click();
      await page.getByTestId('duplicate-group').waitFor();
      expect(await page.getByTestId('duplicate-group').count()).toBe(1);
      await page.getByTestId('duplicate-merge').click();
      await page.getByTestId('merge-reason').waitFor();
      await page.getByTestId('merge-confirm').click();
      await expect.poll(() => page.getByTestId('merge-reason').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('merge-reason');
      await page.getByTestId('merge-reason').fill('Même société, ICE saisi deux fois');
      await page.getByTestId('merge-confirm').click();
      await expect.poll(() => page.getByTestId('duplicates-notice').textContent()).toContain('fusionnée(s)');
      await page.getByTestId('duplicates-empty').waitFor();

      await page.goto('/parties?search=atlas');
      await expect
        .poll(async () => (await rowsOf(page, 'parties-table')).map((row) => row[0]))
        .toEqual([expect.stringContaining('Société Atlas Distribution')]);
    });
  }, 60_000);

  it('shows the entrepreneur customers only, and keeps the reviews and imports from them', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      await page.locator('[data-nav="parties"]').click();
      await page.getByTestId('parties-table').waitFor();
      expect(await page.getByTestId('filter-role').count()).toBe(0);
      expect(await page.getByTestId('party-duplicates').count()).toBe(0);
      expect(await page.getByTestId('party-import').count()).toBe(0);
      await page.getByTestId('party-new').click();
      await page.getByTestId('party-form').waitFor();
      expect(await page.getByTestId('party-field-isSupplier').count()).toBe(0);
      await page.goto('/parties/duplicates');
      await page.getByTestId('not-allowed').waitFor();
      await page.goto('/parties/import');
      await page.getByTestId('not-allowed').waitFor();
      await page.goto('/settings');
      await page.getByTestId('not-allowed').waitFor();
    });
  });

  it('imports customers and suppliers through the shared import screen', async () => {
    const csv = [
      'Nom;Type;ICE;Ville;Délai de paiement;Convention;Client;Fournisseur',
      'Imprimerie du Nord;Société;002233445000011;Tétouan;30;;non;oui',
      'Hôtel Al Mounia;Société;002233445000022;Chefchaouen;90;CONV-2026-04;oui;non',
    ].join('\n');
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/parties');
      await page.getByTestId('party-import').click();
      await page.getByTestId('import-file').waitFor();
      const template = decodeURIComponent((await page.getByTestId('import-template').getAttribute('href'))!.split(',')[1]!);
      expect(template).toContain('Nom;Type;ICE;IF;RC;Pays');
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'tiers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-outcome').textContent()).toContain('Aucun problème');
      await page.getByTestId('import-apply').click();
      await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('2');
      await page.goto('/parties?role=supplier');
      await expect.poll(() => rowsOf(page, 'parties-table')).toHaveLength(1);
      expect((await rowsOf(page, 'parties-table'))[0]![0]).toContain('Imprimerie du Nord');
    });
  });

  it('lets the manager change the GIE settings (a refusal on its field) and the accountant only read them', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.locator('[data-nav="settings"]').click();
      await page.getByTestId('settings-form').waitFor();
      expect(await page.locator('[data-nav="settings"]').textContent()).toBe('Paramètres du GIE');
      await page.getByTestId('settings-invoiceNumberTemplate').fill('FACTURE-{SEQ:5}');
      await page.getByTestId('settings-submit').click();
      const template = page.getByTestId('settings-invoiceNumberTemplate');
      await expect.poll(() => template.getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('settings-invoiceNumberTemplate');
      expect(await page.locator('#settings-invoiceNumberTemplate-error').textContent()).toContain('year placeholder');
      await template.fill('FA-{YYYY}-{SEQ:6}');
      await page.getByTestId('settings-city').fill('Tanger');
      await page.getByTestId('settings-submit').click();
      await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('Paramètres enregistrés');
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await page.locator('[data-nav="settings"]').textContent()).toBe('إعدادات التجمع');
      await screenshot(page, 'settings-ar');
    });
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/settings');
      await page.getByTestId('settings-read-only').waitFor();
      expect(await page.getByTestId('settings-form').count()).toBe(0);
      expect(await page.getByTestId('logo-file').count()).toBe(0);
      const text = await page.getByTestId('settings-read-only').textContent();
      expect(text).toContain('FA-{YYYY}-{SEQ:6}');
      expect(text).toContain('Tanger');
    });
  });
});
