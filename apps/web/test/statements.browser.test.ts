// Browser test of the legal statements, in Chromium: the manager records the payment of a supplier bill from the
// purchases page, opens "Déclarations et états", reads the VAT return of April (DOMAIN 5.2's first payment and the
// supplier's VAT), opens the lines behind a rate, downloads the CSV and finds the same figures; the same screen in
// Arabic runs right to left. The bilan shows as balanced; the entrepreneur does not reach the statements.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const YEAR = new Date().getUTCFullYear();

function apiCall(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body },
  );
}

/** DOMAIN 5.1 issued on 20 March and paid 6 000.00 on 10 April; a supplier bill of 5 April, 3 000.00 HT at 20 %. */
async function demoPeriod(page: Page) {
  const customer = await apiCall(page, 'POST', '/api/parties', {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    city: 'Tétouan',
  });
  expect(customer.status).toBe(201);
  const members = await apiCall(page, 'GET', '/api/members?pageSize=200');
  const memberId = (members.body.items as Array<{ id: number; code: string | null }>).find((m) => m.code === 'M01')?.id;
  const draft = await apiCall(page, 'POST', '/api/invoicing/documents', {
    kind: 'invoice',
    memberId,
    customerId: customer.body.party.id,
    lines: [
      { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
      { description: 'Paniers produits du terroir', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
      { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
    ],
  });
  const issued = await apiCall(page, 'POST', `/api/invoicing/documents/${draft.body.id}/issue`, { issueDate: `${YEAR}-03-20` });
  expect(issued.status).toBe(200);
  const paid = await apiCall(page, 'POST', '/api/invoicing/payments', {
    customerId: customer.body.party.id,
    receivedOn: `${YEAR}-04-10`,
    method: 'transfer',
    amount: '6000.00',
    reference: 'VIR-5201',
    allocations: [{ documentId: issued.body.id, amount: '6000.00' }],
  });
  expect(paid.status).toBe(201);
  const supplier = await apiCall(page, 'POST', '/api/parties', {
    kind: 'company',
    name: 'Cabinet Comptable du Nord',
    ice: '002233445000071',
    isSupplier: true,
    isCustomer: false,
    city: 'Tanger',
  });
  expect(supplier.status).toBe(201);
  const services = await apiCall(page, 'GET', '/api/pooling/services');
  const bill = await apiCall(page, 'POST', '/api/pooling/purchases', {
    supplierId: supplier.body.party.id,
    billDate: `${YEAR}-04-05`,
    billNumber: 'CCN-118',
    lines: [{ description: 'Tenue des comptes', serviceId: services.body.items[0].id, amountHt: '3000.00', vatRate: '20' }],
  });
  expect(bill.status, JSON.stringify(bill.body)).toBe(201);
}

const digits = async (page: Page, testid: string) =>
  ((await page.getByTestId(testid).textContent()) ?? '').replace(/[^\d,.-]/g, '');

describe.skipIf(!HAS_CHROMIUM)('legal statements in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('lets the manager pay a supplier bill, read the VAT return with its lines, and download the same figures', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await demoPeriod(page);

      // the supplier bill is paid from the purchases page: 3 600.00 on 20 April
      await page.goto('/pooling/purchases');
      await page.getByTestId('purchase-pay').first().click();
      await page.getByTestId('pay-date').fill(`${YEAR}-04-20`);
      expect(await page.getByTestId('pay-amount').inputValue()).toBe('3600.00');
      await page.getByTestId('pay-confirm').click();
      await expect.poll(() => page.getByTestId('purchases-notice').textContent()).toContain('CCN-118');
      await expect.poll(() => page.getByTestId('purchase-due').first().textContent()).toMatch(/0,00/);

      // the VAT return, from the navigation
      await page.locator('[data-nav="reporting"]').click();
      await expect.poll(() => pathOf(page)).toBe('/reporting');
      await page.getByTestId('vat-month').selectOption('04');
      await page.getByTestId('vat-year').fill(String(YEAR));
      await page.getByTestId('vat-show').click();
      await page.getByTestId('vat-due').waitFor();
      // DOMAIN 5.2: 297.56 + 356.18 + 36.44 collected; 600.00 recoverable; 90.18 due
      expect(await digits(page, 'vat-collected-total')).toBe('690,18');
      expect(await digits(page, 'vat-deductible-total')).toBe('600,00');
      expect(await digits(page, 'vat-due')).toBe('90,18');
      expect(await digits(page, 'vat-credit')).toBe('0,00');
      const rate20 = page.locator('[data-testid="vat-rate"][data-side="collected"][data-rate="20"]');
      expect((await rate20.getByTestId('vat-rate-amount').textContent())?.replace(/[^\d,]/g, '')).toBe('297,56');
      await rate20.getByTestId('vat-drill').click();
      await expect.poll(() => page.getByTestId('vat-line').count()).toBe(1);
      expect(await page.getByTestId('vat-line').textContent()).toContain('VIR-5201');
      await screenshot(page, 'vat-return');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('vat-csv').click()]);
      const path = await download.path();
      const csv = readFileSync(path, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(';'));
      const head = csv[0] ?? [];
      const col = (name: string) => head.indexOf(name);
      const rowOf = (kind: string) => csv.find((r) => r[col('ligne')] === kind);
      expect(rowOf('tva_due')?.[col('tva')]).toBe('90.18');
      expect(csv.filter((r) => r[col('ligne')] === 'total').map((r) => r[col('tva')])).toEqual(['690.18', '600.00']);

      // the same screen in Arabic runs right to left
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect.poll(() => page.locator('#vat-collected').textContent()).toBe('الضريبة المحصلة');
      expect(await digits(page, 'vat-due')).toMatch(/^(90[,.]18|٩٠٫١٨)$/);
      await screenshot(page, 'vat-return-ar');
      await page.getByTestId('locale-switch').selectOption('fr');

      // the bilan and CPC of the year balance
      await page.locator('[data-tab="reportingFinancial"]').click();
      await page.getByTestId('fin-balanced').waitFor();
      expect(await page.locator('[data-testid="fin-actif"] tr[data-key="TA"]').count()).toBe(1);
      await screenshot(page, 'financial-statements');
      // the delays of the second quarter: the invoice is due 19 May and the bill 4 June, neither is late yet
      await page.locator('[data-tab="reportingDelays"]').click();
      await expect.poll(() => pathOf(page)).toBe('/reporting/payment-delays');
      await page.getByTestId('delays-supplier').waitFor();
    });
  });

  it('keeps the statements from the entrepreneur', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      expect(await page.locator('[data-nav="reporting"]').count()).toBe(0);
      const status = await page.evaluate(async () => (await fetch('/api/reporting/vat-return?period=2026-04')).status);
      expect(status).toBe(403);
    });
  });
});
