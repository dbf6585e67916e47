// Browser tests of quotes, late payments and the member's position, in Chromium: the manager sends a quote
// (DV-<year>-00001), records the customer's acceptance and turns it into a draft invoice with the same TTC; the
// late-payments view shows its four ageing buckets; the member page of M01 shows the position block, and a payout
// above what is available is refused on the amount field.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const YEAR = new Date().getUTCFullYear();

/** Digits and decimal comma only ("10 082,08 MAD" → "10082,08"). */
const digits = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/[^\d,]/g, '');

async function confirm(page: Page): Promise<void> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await page.getByTestId('confirm-ok').click();
}

/** A state-changing API call from the page, with its session cookie and CSRF token, as the back office makes it. */
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

async function memberM01(page: Page): Promise<number> {
  const members = await page.evaluate(async () => (await (await fetch('/api/members?search=M01')).json()).items);
  return (members as Array<{ id: number; code: string }>).find((m) => m.code === 'M01')!.id;
}

describe.skipIf(!HAS_CHROMIUM)('quotes, late payments and member position in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('lets the manager send a quote, record its acceptance and turn it into a draft invoice', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      const memberId = await memberM01(page);
      const party = await apiCall(page, 'POST', '/api/parties', {
        kind: 'company',
        name: 'Coopérative Atlas Saveurs',
        isCustomer: true,
        ice: '001525658000099',
        city: 'Chefchaouen',
      });
      expect(party.status, JSON.stringify(party.body)).toBe(201);
      const quote = await apiCall(page, 'POST', '/api/invoicing/documents', {
        kind: 'quote',
        memberId,
        customerId: party.body.party.id,
        lines: [
          { description: 'Atelier de dégustation', quantity: '2', unitPrice: '1250.00', vat: '20' },
          { description: 'Paniers du terroir', quantity: '10', unitPrice: '180.00', vat: '10', revenue: 'goods' },
        ],
      });
      expect(quote.status, JSON.stringify(quote.body)).toBe(201);

      await page.goto(`/invoicing/${quote.body.id}`);
      await page.getByTestId('quote-send').waitFor();
      const ttc = await digits(page.getByTestId('document-ttc'));
      expect(ttc).toBe('4980,00');
      await page.getByTestId('quote-send').click();
      await confirm(page);
      await expect.poll(() => page.getByTestId('document-number').textContent()).toBe(`DV-${YEAR}-00001`);
      await expect.poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status')).toBe('sent');
      expect(await page.getByTestId('document-edit').count()).toBe(0);
      expect(await page.getByTestId('late-fines').count()).toBe(0);

      await page.getByTestId('quote-accept').click();
      await expect
        .poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status'))
        .toBe('accepted');
      expect(await page.getByTestId('quote-refuse').count()).toBe(0);
      await screenshot(page, 'quote-accepted-fr');

      await page.getByTestId('quote-convert').click();
      await expect.poll(() => pathOf(page)).not.toBe(`/invoicing/${quote.body.id}`);
      expect(pathOf(page)).toMatch(/^\/invoicing\/\d+$/);
      await expect.poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status')).toBe('draft');
      expect(await page.getByTestId('document-title').textContent()).toContain('Facture');
      expect(await page.getByTestId('document-notice').textContent()).toContain(`DV-${YEAR}-00001`);
      expect(await digits(page.getByTestId('document-ttc'))).toBe(ttc);

      // the quote is now converted
      await page.goto(`/invoicing/${quote.body.id}`);
      await expect
        .poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status'))
        .toBe('converted');
      expect(await page.getByTestId('quote-convert').count()).toBe(0);

      // the draft invoice issued: its late-fines section says there is none
      await page.goBack();
      await page.getByTestId('document-issue').click();
      await confirm(page);
      await expect.poll(() => page.getByTestId('document-number').textContent()).toBe(`FA-${YEAR}-00001`);
      await expect.poll(() => page.getByTestId('late-fines').textContent()).toContain('Aucune pénalité');
      expect(await page.getByTestId('late-fines').textContent()).toContain('Pénalités de retard (loi 69-21)');
    });
  });

  it('shows the late payments by age from the invoicing list', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.locator('[data-nav="invoicing"]').click();
      await page.getByTestId('overdue-link').click();
      await expect.poll(() => pathOf(page)).toBe('/invoicing/overdue');
      await page.getByTestId('overdue-buckets').waitFor();
      expect(
        await page.getByTestId('overdue-bucket').evaluateAll((items) => items.map((i) => i.getAttribute('data-bucket'))),
      ).toEqual(['0-30', '31-60', '61-90', '90+']);
      expect(await page.getByTestId('overdue-bucket-90+').textContent()).toContain('MAD');
      await page.getByTestId('overdue-table').waitFor();
      await screenshot(page, 'overdue-fr');
    });
  });

  it('shows the position of M01 and refuses a payout above what is available', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      const memberId = await memberM01(page);
      await page.goto(`/members/${memberId}`);
      await page.getByTestId('member-position').waitFor();
      await expect.poll(() => page.getByTestId('position-invoicedTtc').count()).toBe(1);
      expect(await digits(page.getByTestId('position-invoicedTtc'))).toBe('4980,00');
      const pdf = await page.getByTestId('member-position-pdf').getAttribute('href');
      expect(pdf).toBe(`/api/invoicing/members/${memberId}/statement?from=${YEAR}-01-01&to=${YEAR}-12-31&format=pdf`);
      expect(await page.getByTestId('member-position-csv').getAttribute('href')).toContain('format=csv');

      await page.getByTestId('payout-open').click();
      const amount = page.getByTestId('payout-amount');
      await amount.waitFor();
      expect(await amount.inputValue()).toBe('0,00');
      await amount.fill('1000');
      await page.getByTestId('payout-submit').click();
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#payout-amount-error').textContent()).toContain('Montant refusé');
      expect(await focusedTestId(page)).toBe('payout-amount');
      await screenshot(page, 'member-payout-refused-fr');
    });
  });
});
