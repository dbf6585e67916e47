// Browser tests of the pooled services, in Chromium, on the demo GIE (DOMAIN 5.3: accounting 36 000.00 shared
// equally, transport 9 999.99 by km, premises 24 000.00 by 40 % equal + 60 % m², costs posted in the second quarter):
// - in Arabic (dir="rtl"), the manager previews the quarter in the wizard: the amounts to the centime, the chart
//   drawn right to left;
// - in French, the manager runs the wizard for the quarter and posts it: the run, its entry and one charge note
//   (PDF) per member;
// - the entrepreneur of M01 sees what M01 pays and why (the explanation lines) and its charge note, and nothing of
//   another member;
// - the manager reverses the run (after a confirmation) and allocates the quarter again.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const YEAR = new Date().getUTCFullYear();
const Q2 = { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` };

/** Digits and the decimal separator only ("5 142,86" → "5142,86", "5,142.86" → "5142.86"). */
const digits = async (locator: Locator) =>
  ((await locator.textContent()) ?? '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/[^\d,.]/g, '')
    .replace(/[.,](?=\d{3}\b)/g, '');

/** The quarter before the current one, as the wizard's "last quarter" computes it. */
function lastQuarter(): { from: string; to: string } {
  const now = new Date();
  let q = Math.floor(now.getMonth() / 3) - 1;
  let y = now.getFullYear();
  if (q < 0) {
    q = 3;
    y -= 1;
  }
  const end = new Date(Date.UTC(y, q * 3 + 3, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${pad(q * 3 + 1)}-01`, to: `${y}-${pad(q * 3 + 3)}-${pad(end)}` };
}

const line = (page: Page, service: string, member: string) =>
  page.locator(`[data-testid="run-line"][data-service="${service}"][data-member="${member}"]`);

async function confirm(page: Page): Promise<void> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await page.getByTestId('confirm-ok').click();
}

/** Opens the wizard, chooses the second quarter and every service, and computes the preview. */
async function previewQ2(page: Page): Promise<void> {
  await page.locator('[data-nav="pooling"]').click();
  await page.getByTestId('services-table').waitFor();
  await page.getByTestId('services-run').click();
  await expect.poll(() => pathOf(page)).toBe('/pooling/runs/new');
  await expect.poll(() => page.getByTestId('wizard-service').count()).toBe(4);
  // the quick pick fills in the last quarter
  await page.getByTestId('quick-last-quarter').click();
  const last = lastQuarter();
  expect(await page.getByTestId('wizard-from').inputValue()).toBe(last.from);
  expect(await page.getByTestId('wizard-to').inputValue()).toBe(last.to);
  expect(await page.getByTestId('quick-last-quarter').getAttribute('aria-pressed')).toBe('true');
  await page.getByTestId('wizard-from').fill(Q2.from);
  await page.getByTestId('wizard-to').fill(Q2.to);
  for (const box of await page.getByTestId('wizard-service').all()) expect(await box.isChecked()).toBe(true);
  await page.getByTestId('wizard-preview').click();
  await page.getByTestId('wizard-preview-result').waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('pooled services in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();
  let runPath = '';

  it('previews the quarter in Arabic, right to left, to the centime', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await previewQ2(page);
      expect(await page.getByTestId('wizard-preview').textContent()).toContain('حساب الحصص');

      // every member's share of accounting, the one-centime remainders going to the lower codes
      expect(await digits(line(page, 'COMPTA', 'M01').getByTestId('line-amount'))).toBe('5142,86');
      expect(await digits(line(page, 'COMPTA', 'M07').getByTestId('line-amount'))).toBe('5142,85');
      // the explanation in the reader's language: decimal commas and the Arabic word for the remainder
      expect(await line(page, 'COMPTA', 'M01').getByTestId('line-explanation').textContent()).toBe(
        '36 000,00 × 1/7, +0,01 (أكبر باقٍ)',
      );
      expect(await digits(line(page, 'TRANSPORT', 'M02').getByTestId('line-amount'))).toBe('4136,46');
      expect(await digits(line(page, 'LOCAL', 'M04').getByTestId('line-amount'))).toBe('6308,57');
      // the explanation reads left to right inside the Arabic table
      expect(
        await line(page, 'COMPTA', 'M01')
          .getByTestId('line-explanation')
          .locator('span')
          .evaluate((e) => getComputedStyle(e).direction),
      ).toBe('ltr');

      // the chart: an image with a name, one bar per member, drawn from the right
      const chart = page.getByTestId('share-chart');
      const svg = chart.locator('svg');
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.locator('title').textContent()).toBe('حصة كل عضو');
      expect(await svg.getAttribute('data-dir')).toBe('rtl');
      const bars = chart.getByTestId('share-bar');
      expect(await bars.count()).toBe(await page.getByTestId('member-total').count());
      const label = bars.first().locator('text.label');
      const rect = bars.first().locator('rect');
      const [labelBox, rectBox] = [(await label.boundingBox())!, (await rect.boundingBox())!];
      expect(labelBox.x).toBeGreaterThan(rectBox.x + rectBox.width - 1);
      // the member table starts at the right-hand side of the page
      const table = page.getByTestId('run-by-member');
      expect(await table.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      await screenshot(page, 'pooling-wizard-ar');

      // nothing is posted by a preview
      const runs = await page.evaluate(async () => (await (await fetch('/api/pooling/runs')).json()).items);
      expect(runs).toEqual([]);
    });
  });

  it('lets the manager run the wizard for the quarter and post it, with a charge note per member', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await previewQ2(page);
      const members = await page.getByTestId('member-total').count();
      expect(members).toBeGreaterThanOrEqual(7);
      expect(await digits(page.getByTestId('run-total'))).toMatch(/^\d+,\d{2}$/);
      expect(await page.locator('[data-testid="member-total"][data-member="M01"]').count()).toBe(1);
      // the totals per service equal the costs, to the centime
      const allocated = page.locator(
        '[data-testid="service-total"][data-service="COMPTA"] [data-testid="service-total-allocated"]',
      );
      expect(await digits(allocated)).toBe('36000,00');
      expect(
        await digits(
          page.locator('[data-testid="service-total"][data-service="TRANSPORT"] [data-testid="service-total-allocated"]'),
        ),
      ).toBe('9999,99');
      await screenshot(page, 'pooling-wizard-fr');
      // the keyboard lands on the preview's heading
      expect(await focusedTestId(page)).toBe('preview-title');

      // cancelling the confirmation posts nothing
      await page.getByTestId('wizard-post').click();
      await expect.poll(() => page.getByTestId('confirm-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await page.getByTestId('confirm-cancel').click();
      expect(pathOf(page)).toBe('/pooling/runs/new');

      await page.getByTestId('wizard-post').click();
      await confirm(page);
      await expect.poll(() => pathOf(page), { timeout: 20_000 }).toMatch(/^\/pooling\/runs\/\d+$/);
      runPath = pathOf(page);
      await expect.poll(() => page.getByTestId('run-notice').textContent()).toContain('Répartition comptabilisée');
      expect(await page.locator('[data-testid="run-status"] .badge').getAttribute('data-status')).toBe('posted');

      // one numbered charge note per member, each a PDF
      const notes = page.getByTestId('run-note');
      expect(await notes.count()).toBe(members);
      const m01 = page.locator('[data-testid="run-note"][data-member="M01"]');
      expect(await m01.locator('th').textContent()).toMatch(new RegExp(`ND-${YEAR}-\\d{5}`));
      const href = await m01.getByTestId('run-note-pdf').getAttribute('href');
      expect(href).toMatch(/^\/api\/pooling\/charge-notes\/\d+\/pdf$/);
      const pdf = await page.evaluate(async (url) => {
        const response = await fetch(url!);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
      }, href);
      expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });
      await screenshot(page, 'pooling-run-posted');

      // the run's entry opens in the ledger
      await page.getByTestId('run-entry').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/ledger\/entries\/\d+$/);

      // a member's code opens what it pays and why, as its entrepreneur sees it
      await page.goBack();
      await page.locator('[data-testid="member-total"][data-member="M01"] a').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/pooling\/members\/\d+$/);
      await expect.poll(() => page.getByTestId('member-pooling-title').textContent()).toContain('Services mutualisés de M01');
      await expect.poll(() => page.getByTestId('mine-line').count()).toBe(4);

      // the list shows it posted
      await page.goto('/pooling/runs');
      await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
      expect(await page.getByTestId('run-row').getAttribute('data-status')).toBe('posted');
    });
  });

  it('shows the entrepreneur of M01 what M01 pays and why, with its charge note, and nothing of another member', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      await page.locator('[data-nav="pooling"]').click();
      await expect
        .poll(() => page.getByTestId('member-pooling-title').textContent())
        .toContain('Ce que je paie pour les services mutualisés, et pourquoi');
      await page.getByTestId('period-this-year').click();
      await expect.poll(() => page.getByTestId('mine-line').count()).toBeGreaterThanOrEqual(3);
      const compta = page.locator('[data-testid="mine-line"][data-service="COMPTA"]');
      expect(await digits(compta.getByTestId('mine-amount'))).toBe('5142,86');
      expect(await compta.getByTestId('mine-explanation').textContent()).toBe('36 000,00 × 1/7, +0,01 (plus fort reste)');
      const local = page.locator('[data-testid="mine-line"][data-service="LOCAL"]');
      expect(await digits(local.getByTestId('mine-amount'))).toBe('4662,86');
      expect(await local.getByTestId('mine-explanation').textContent()).toContain('40% × 1/7');
      const note = compta.getByTestId('mine-note');
      expect(await note.textContent()).toMatch(new RegExp(`ND-${YEAR}-\\d{5}`));
      const href = await note.getAttribute('href');
      const pdf = await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), href);
      expect(pdf).toBe('application/pdf');
      // M01's own usage is there too
      expect(await page.getByTestId('mine-usage').textContent()).toContain('TRANSPORT');
      await screenshot(page, 'pooling-member-view');

      // another member's view and the staff screens stay closed
      const other = await page.evaluate(async () => {
        const mine = (await (await fetch('/api/auth/me')).json()).user.memberId as number;
        const status = async (path: string) => (await fetch(path)).status;
        return {
          view: await status(
            `/api/pooling/members/${mine + 1}/view?from=${new Date().getFullYear()}-01-01&to=${new Date().getFullYear()}-12-31`,
          ),
          runs: await status('/api/pooling/runs'),
        };
      });
      expect(other).toEqual({ view: 404, runs: 403 });
      await page.goto('/pooling/runs/new');
      await page.getByTestId('not-allowed').waitFor();
    });
  });

  it('lets the manager keep the catalogue, keys, costs, usage, quantities and supplier bills', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);

      // a new service with a composite key: a refused share names its component, then it is created
      await page.goto('/pooling/services/new');
      await page.getByTestId('service-form').waitFor();
      await page.getByTestId('service-code').fill('COACHING');
      await page.getByTestId('service-name').fill('Accompagnement');
      await page.getByTestId('service-unit').selectOption('hours');
      await page.getByTestId('service-key-kind').selectOption('composite');
      await expect.poll(() => page.getByTestId('service-key-component').count()).toBe(2);
      await page.locator('#service-key-c1-share').fill('70');
      await page.getByTestId('service-submit').click();
      await expect.poll(() => page.locator('#service-key-components-error').textContent()).toContain('add up to 1');
      expect(pathOf(page)).toBe('/pooling/services/new');
      await page.locator('#service-key-c1-share').fill('60');
      await page.getByTestId('service-submit').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/pooling\/services\/\d+$/);
      expect(await page.getByTestId('service-notice').textContent()).toContain('Service créé');
      expect(await page.getByTestId('key-version').textContent()).toContain('40% equal shares + 60% quantity area');

      // a new version of the key from next year: the history keeps both
      await page.getByTestId('key-valid-from').fill(`${YEAR + 1}-01-01`);
      await page.getByTestId('new-key-kind').selectOption('equal');
      await page.getByTestId('key-submit').click();
      await expect.poll(() => page.getByTestId('key-version').count()).toBe(2);
      expect(await page.getByTestId('service-notice').textContent()).toContain('Nouvelle clé enregistrée');

      // only two members take part in it
      await page.getByTestId('service-edit').click();
      await page.getByTestId('service-form').waitFor();
      await page.locator('#subscription-list').check();
      await page.getByTestId('service-member').nth(0).check();
      await page.getByTestId('service-member').nth(1).check();
      await page.getByTestId('service-submit').click();
      await expect.poll(() => page.getByTestId('service-notice').textContent()).toContain('Service enregistré');
      expect(await page.getByTestId('service-members').locator('li').count()).toBe(2);

      // the cost pool of accounting for the quarter, down to the ledger lines, and an adjustment with its reason
      await page.goto(`/pooling/costs?from=${Q2.from}&to=${Q2.to}`);
      const compta = page.locator('[data-testid="cost-pool"][data-service="COMPTA"]');
      await compta.waitFor();
      expect(await digits(compta.getByTestId('cost-pool-total'))).toBe('36000,00');
      await compta.getByTestId('cost-pool-open').click();
      await expect.poll(() => page.getByTestId('cost-pool-line').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('cost-pool-entry').first().getAttribute('href')).toMatch(/^\/ledger\/entries\/\d+$/);
      await page.getByTestId('adjust-service').selectOption({ label: 'COMPTA — Comptabilité' });
      await page.getByTestId('adjust-amount').fill('abc');
      await page.getByTestId('adjust-reason').fill('Frais de déplacement du cabinet, hors grand livre');
      await page.getByTestId('adjust-submit').click();
      await expect.poll(() => page.getByTestId('adjust-amount').getAttribute('aria-invalid')).toBe('true');
      // the quarter is allocated by a posted run: an adjustment dated in it is refused on its date
      await page.getByTestId('adjust-amount').fill('1 500,00');
      await page.getByTestId('adjust-submit').click();
      await expect.poll(() => page.getByTestId('adjust-date').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#adjust-date-error').textContent()).toContain('posted run');
      await page.getByTestId('adjust-date').fill(`${YEAR}-07-15`);
      await page.getByTestId('adjust-submit').click();
      await expect
        .poll(() => page.getByTestId('costs-notice').textContent(), { timeout: 5000 })
        .toContain('Ajustement enregistré');
      expect(await page.getByTestId('costs-alert').textContent()).toBe('');
      await page.locator('#from').fill(`${YEAR}-07-01`);
      await page.locator('#to').fill(`${YEAR}-09-30`);
      await page.getByTestId('costs-period').getByRole('button', { name: 'Afficher' }).click();
      await expect.poll(() => digits(compta.getByTestId('cost-pool-total'))).toBe('1500,00');

      // usage recorded by hand, then a spreadsheet checked and imported
      await page.goto('/pooling/usage');
      await page.getByTestId('usage-form').waitFor();
      // counted once the list has come (its table, or the word that there is none), not while it is on its way
      await page.locator('[data-testid="usage-table"], [data-testid="usage-empty"]').first().waitFor();
      const before = await page.getByTestId('usage-row').count();
      await page.getByTestId('usage-service').selectOption({ label: 'TRANSPORT — Transport (km)' });
      await page.getByTestId('usage-member').selectOption({ index: 3 });
      await page.getByTestId('usage-quantity').fill('12,5');
      await page.getByTestId('usage-submit').click();
      await expect.poll(() => page.getByTestId('usage-notice').textContent()).toContain('Consommation enregistrée');
      await expect.poll(() => page.getByTestId('usage-row').count()).toBe(before + 1);
      await page.getByTestId('usage-import').click();
      await expect.poll(() => pathOf(page)).toBe('/pooling/usage/import');
      const csv = (rows: string[]) => ({
        name: 'usage.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(['Service;Membre;Date;Quantité;Note', ...rows].join('\n')),
      });
      await page
        .getByTestId('import-file')
        .setInputFiles(csv([`TRANSPORT;M01;${YEAR}-07-02;40;Tournée`, `TRANSPORT;M99;${YEAR}-07-02;10;`]));
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-problem-count').textContent()).toBe('1');
      expect(await page.getByTestId('import-problems').textContent()).toContain('M99');
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      await page
        .getByTestId('import-file')
        .setInputFiles(csv([`TRANSPORT;M01;${YEAR}-07-02;40;Tournée`, `TRANSPORT;M02;02/07/${YEAR};10,5;`]));
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-apply').isDisabled()).toBe(false);
      await page.getByTestId('import-apply').click();
      await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('2');

      // a member's area from a date
      await page.goto('/pooling/quantities');
      await page.getByTestId('quantity-form').waitFor();
      await page.getByTestId('quantity-member').selectOption({ index: 3 });
      await page.getByTestId('quantity-from').fill(`${YEAR}-10-01`);
      await page.getByTestId('quantity-value').fill('12');
      await page.getByTestId('quantity-submit').click();
      await expect.poll(() => page.getByTestId('quantities-notice').textContent()).toContain('Quantité enregistrée');
      await expect.poll(() => page.locator('[data-testid="quantity-row"][data-member="M03"]').count()).toBe(2);

      // a supplier bill, posted with the service's code
      const supplier = await page.evaluate(async () => {
        const me = await (await fetch('/api/auth/me')).json();
        const response = await fetch('/api/parties', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({
            kind: 'company',
            name: 'Transports Frigo Nord SARL',
            ice: '001525658000099',
            city: 'Tanger',
            isSupplier: true,
          }),
        });
        return `${response.status} ${await response.text()}`;
      });
      expect(supplier).toMatch(/^201 /);
      await page.goto('/pooling/purchases/new');
      await page.getByTestId('purchase-form').waitFor();
      await expect.poll(() => page.getByTestId('purchase-supplier').locator('option').count()).toBe(2);
      await page.getByTestId('purchase-supplier').selectOption({ label: 'Transports Frigo Nord SARL' });
      await page.getByTestId('purchase-number').fill('TFN-2026-118');
      await page.getByTestId('purchase-line-0-description').fill('Transport frigorifique, juillet');
      await page.getByTestId('purchase-line-0-service').selectOption({ label: '\u2068TRANSPORT\u2069 — \u2068Transport\u2069' });
      await page.getByTestId('purchase-line-0-ht').fill('1 250,00');
      await expect.poll(() => digits(page.getByTestId('purchase-total-ht'))).toBe('1250,00');
      await page.getByTestId('purchase-submit').click();
      await confirm(page);
      await expect.poll(() => pathOf(page)).toBe('/pooling/purchases');
      expect(await page.getByTestId('purchases-notice').textContent()).toContain('TFN-2026-118');
      // the list reloads after the notice: wait for the new bill's row
      await expect.poll(() => page.getByTestId('purchase-row').count()).toBe(1);
      expect(await digits(page.getByTestId('purchase-row').locator('td.amount').last())).toBe('1500,00');

      // the year-end screen previews the result to allocate
      await page.goto('/pooling/year-end');
      await page.getByTestId('year-end-preview').waitFor();
      expect(await page.getByTestId('year-end-result').textContent()).toMatch(/MAD/);
    });
  });

  it('shows the accountant the runs and costs without the buttons that change them', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.locator('[data-nav="pooling"]').click();
      await page.getByTestId('services-table').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('service-new').count()).toBe(0);
      expect(await page.getByTestId('services-run').count()).toBe(0);
      await page.goto(runPath);
      await page.getByTestId('run-notes').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('run-reverse').count()).toBe(0);
      await page.goto('/pooling/costs');
      await page.getByTestId('cost-pools').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('adjust-form').count()).toBe(0);
      await page.goto('/pooling/runs/new');
      await page.getByTestId('not-allowed').waitFor({ timeout: 10_000 });
    });
  });

  it('lets the manager reverse the run after a confirmation and allocate the quarter again', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto(runPath);
      await page.getByTestId('run-reverse').click();
      const dialog = page.getByTestId('reverse-dialog');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      // the reason is required, and said so on the field
      await page.getByTestId('reverse-submit').click();
      await expect.poll(() => page.getByTestId('reverse-reason').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('reverse-date').fill(Q2.to);
      await page.getByTestId('reverse-reason').fill('Clé du local à corriger');
      await page.getByTestId('reverse-submit').click();
      await expect.poll(() => page.locator('[data-testid="run-status"] .badge').getAttribute('data-status')).toBe('reversed');
      expect(await page.getByTestId('run-notice').textContent()).toContain('extournée');
      await page.getByTestId('run-reversal-entry').waitFor();

      // run again: the wizard comes prefilled with the period and the services
      await page.getByTestId('run-again').click();
      await expect.poll(() => pathOf(page)).toBe('/pooling/runs/new');
      await expect.poll(() => page.getByTestId('wizard-from').inputValue()).toBe(Q2.from);
      expect(await page.getByTestId('wizard-to').inputValue()).toBe(Q2.to);
      await page.getByTestId('wizard-preview').click();
      await page.getByTestId('wizard-preview-result').waitFor();
      expect(await digits(line(page, 'COMPTA', 'M01').getByTestId('line-amount'))).toBe('5142,86');
      // this time kept as a draft first, then posted from the run's page
      await page.getByTestId('wizard-draft').click();
      await expect.poll(() => pathOf(page), { timeout: 20_000 }).toMatch(/^\/pooling\/runs\/\d+$/);
      expect(pathOf(page)).not.toBe(runPath);
      await expect.poll(() => page.locator('[data-testid="run-status"] .badge').getAttribute('data-status')).toBe('draft');
      expect(await page.getByTestId('run-notice').textContent()).toContain('Brouillon enregistré');
      expect(await page.getByTestId('run-notes').count()).toBe(0);
      await page.getByTestId('run-post').click();
      await confirm(page);
      await expect
        .poll(() => page.locator('[data-testid="run-status"] .badge').getAttribute('data-status'), { timeout: 20_000 })
        .toBe('posted');
      expect(await page.getByTestId('run-note').count()).toBeGreaterThanOrEqual(7);

      await page.goto('/pooling/runs');
      await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
      const states = await page
        .getByTestId('run-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')).sort());
      expect(states).toEqual(['posted', 'reversed']);
    });
  });
});
