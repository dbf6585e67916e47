// Browser tests of invoicing, in Chromium, on the worked example of the pilot: the entrepreneur of M01 records a
// customer company, drafts the three-line invoice and sees the live totals (HT 8 922,35, TVA 1 159,73, TTC
// 10 082,08), saves and submits it to the GIE; the manager finds it in the validation queue, issues it
// (FA-<year>-00001), its PDF answers, and a payment of 6 000,00 shows the VAT it makes due per rate; the member's
// account then shows the member's share owed by the GIE. An entrepreneur of another member cannot open it.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const YEAR = new Date().getUTCFullYear();

/** An amount's text without the kinds of spaces French uses to group digits and before the currency. */
const amountText = async (locator: Locator) =>
  ((await locator.textContent()) ?? '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();

/** Digits and decimal comma only ("10 082,08 MAD" → "10082,08"). */
const digits = async (locator: Locator) => (await amountText(locator)).replace(/[^\d,]/g, '');

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

const LINES: Array<{ description: string; quantity: string; price: string; discount?: string; vat: string }> = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', price: '1250,00', vat: '20' },
  { description: 'Paniers produits du terroir', quantity: '35', price: '180,00', discount: '5', vat: '10' },
  { description: 'Transport frigorifique', quantity: '1', price: '437,35', vat: '14' },
];

describe.skipIf(!HAS_CHROMIUM)('invoicing in Chromium', () => {
  const { withPage, signInAs, signIn } = useBackOffice();
  let documentPath = '';

  it('lets the entrepreneur draft the worked invoice with live totals and submit it to the GIE', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);

      // a new customer company, recorded from the customers screen
      await page.goto('/parties/new');
      await page.getByTestId('party-form').waitFor();
      await page.getByTestId('party-field-name').fill('Hôtel Riad Tamuda SARL');
      await page.getByTestId('party-field-ice').fill('001525658000099');
      await page.getByTestId('party-field-city').fill('Tétouan');
      await page.getByTestId('party-submit').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/parties\/\d+$/);

      await page.locator('[data-nav="invoicing"]').click();
      await page.getByTestId('invoice-new').click();
      await page.getByTestId('document-form').waitFor();
      expect(pathOf(page)).toBe('/invoicing/new');
      // the entrepreneur's own member is fixed
      expect(await page.getByTestId('doc-member').count()).toBe(0);
      expect(await page.getByTestId('doc-member-fixed').textContent()).toContain('M01');

      // nothing typed: the form says what is missing, on the fields, and puts the keyboard on the first
      await page.getByTestId('line-0-description').fill('Atelier de dégustation (prestation)');
      await page.getByTestId('line-0-quantity').fill('1,2345');
      await page.getByTestId('line-0-unitPrice').fill('1250,00');
      await page.getByTestId('document-save').click();
      await expect.poll(() => page.getByTestId('doc-customer').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('line-0-quantity').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('doc-customer');

      await page.getByTestId('doc-customer-search').fill('Tamuda');
      await expect
        .poll(() => page.getByTestId('doc-customer').locator('option:checked').textContent())
        .toContain('Hôtel Riad Tamuda SARL');

      for (const [index, line] of LINES.entries()) {
        if (index > 0) {
          await page.getByTestId('line-add').click();
          expect(await focusedTestId(page)).toBe(`line-${index}-description`);
        }
        await page.getByTestId(`line-${index}-description`).fill(line.description);
        await page.getByTestId(`line-${index}-quantity`).fill(line.quantity);
        await page.getByTestId(`line-${index}-unitPrice`).fill(line.price);
        if (line.discount) await page.getByTestId(`line-${index}-discountPercent`).fill(line.discount);
        await page.getByTestId(`line-${index}-vat`).selectOption(line.vat);
      }
      await page.getByTestId('line-1-revenue').selectOption('goods');
      // an exempt line asks for its legal basis: the field appears only then
      expect(await page.getByTestId('line-2-exemptionBasis').count()).toBe(0);

      await expect.poll(() => digits(page.getByTestId('totals-ttc'))).toBe('10082,08');
      // fr-MA groups thousands with a point in Chromium, with a (narrow) no-break space elsewhere: digits compared
      expect(await digits(page.getByTestId('totals-ht'))).toBe('8922,35');
      expect(await digits(page.getByTestId('totals-vat'))).toBe('1159,73');
      expect(await amountText(page.getByTestId('totals-ttc'))).toMatch(/^10[ .]082,08 MAD$/);
      expect(await digits(page.getByTestId('totals-vat-14'))).toBe('61,23');
      expect(await digits(page.getByTestId('line-1-ht'))).toBe('5985,00');
      await screenshot(page, 'invoice-form-fr');

      await page.getByTestId('document-save').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/invoicing\/\d+$/);
      documentPath = pathOf(page);
      await expect.poll(() => page.getByTestId('document-notice').textContent()).toContain('Brouillon enregistré');
      expect(await digits(page.getByTestId('document-ttc'))).toBe('10082,08');
      expect(await page.locator('[data-testid="document-lines"] tbody tr').count()).toBe(3);
      // the GIE validates: the entrepreneur submits, does not issue
      expect(await page.getByTestId('document-issue').count()).toBe(0);
      await page.getByTestId('document-submit').click();
      await confirm(page);
      await expect
        .poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status'))
        .toBe('submitted');
      expect(await page.getByTestId('document-notice').textContent()).toContain('soumis au GIE');
      expect(await page.getByTestId('document-edit').count()).toBe(0);
    });
  });

  it('lets the manager issue it from the validation queue, open its PDF and record a payment', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.locator('[data-nav="invoicing"]').click();
      // the list's button says how many documents wait, and leads to the validation queue
      await expect.poll(() => page.getByTestId('filter-to-validate').textContent()).toContain('À valider (1)');
      await page.getByTestId('filter-to-validate').click();
      await expect.poll(() => pathOf(page)).toBe('/invoicing/validation');
      await expect.poll(() => page.getByTestId('document-row').count()).toBe(1);
      expect(await page.getByTestId('queue-count').textContent()).toBe('1');
      expect(await page.locator('[data-nav="invoicingValidation"]').getAttribute('aria-current')).toBe('page');
      const row = page.getByTestId('document-row');
      expect(await row.textContent()).toContain('Hôtel Riad Tamuda SARL');
      expect(await row.textContent()).toContain('M01');
      await row.getByTestId('document-link').click();
      expect(pathOf(page)).toBe(documentPath);

      await page.getByTestId('document-issue').click();
      const dialog = page.getByTestId('confirm-dialog');
      await expect.poll(() => dialog.textContent()).toContain('avoir');
      await confirm(page);
      await expect.poll(() => page.getByTestId('document-number').textContent()).toBe(`FA-${YEAR}-00001`);
      expect(await page.getByTestId('document-notice').textContent()).toContain(`FA-${YEAR}-00001`);
      expect(await digits(page.getByTestId('document-member-share'))).toBe('8208,56');
      await screenshot(page, 'invoice-issued-fr');

      // the PDF, fetched with the session cookie
      const href = await page.getByTestId('document-pdf').getAttribute('href');
      expect(href).toMatch(/\/api\/invoicing\/documents\/\d+\/pdf$/);
      expect(await page.getByTestId('document-pdf').getAttribute('target')).toBe('_blank');
      const pdf = await page.evaluate(async (url) => {
        const response = await fetch(url!);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
      }, href);
      expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });

      // a payment too large is refused on the amount, then 6 000,00 shows the VAT due per rate
      await page.getByTestId('document-payment').click();
      const amount = page.getByTestId('pay-amount');
      await amount.waitFor();
      expect(await amount.inputValue()).toBe('10082,08');
      await amount.fill('20000');
      await page.getByTestId('pay-submit').click();
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#pay-amount-error').textContent()).toContain('at most 10082.08');
      expect(await focusedTestId(page)).toBe('pay-amount');
      await amount.fill('6 000,00');
      await page.getByTestId('pay-method').selectOption('cheque');
      await page.getByTestId('pay-reference').fill('CHQ 0012345');
      await page.getByTestId('pay-submit').dblclick();
      await page.getByTestId('pay-result').waitFor();
      expect(await digits(page.getByTestId('pay-vat-20'))).toBe('297,56');
      expect(await digits(page.getByTestId('pay-vat-10'))).toBe('356,18');
      expect(await digits(page.getByTestId('pay-vat-14'))).toBe('36,44');
      await screenshot(page, 'invoice-payment-fr');
      await page.getByTestId('pay-close').click();

      // what the screen knows is still owed
      await page.getByTestId('document-payment').click();
      await expect.poll(() => page.getByTestId('pay-amount').inputValue()).toBe('4082,08');
      await page.keyboard.press('Escape');

      // the member's account: the GIE owes the member its share of both invoices of M01
      const members = await page.evaluate(async () => (await (await fetch('/api/members?search=M01')).json()).items);
      const m01 = (members as Array<{ id: number; code: string }>).find((m) => m.code === 'M01')!;
      await page.goto(`/members/${m01.id}`);
      await page.getByTestId('member-account').waitFor();
      await expect.poll(() => digits(page.getByTestId('member-account-owed'))).toBe('16417,12');
    });
  });

  it('hides the document from an entrepreneur of another member', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      const members = await page.evaluate(async () => (await (await fetch('/api/members?search=M02')).json()).items);
      const m02 = (members as Array<{ id: number; code: string }>).find((m) => m.code === 'M02')!;
      const created = await apiCall(page, 'POST', `/api/members/${m02.id}/entrepreneurs`, {
        firstName: 'Nadia',
        lastName: 'Berrada',
        email: 'nadia.berrada@demo.gie-ecp.ma',
        password: 'motdepasse-2026',
      });
      expect(created.status).toBe(201);
    });
    await withPage(async (page) => {
      await signIn(page, 'nadia.berrada@demo.gie-ecp.ma', 'motdepasse-2026');
      await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBe('Nadia Berrada');
      await page.goto(documentPath);
      await page.getByTestId('document-not-found').waitFor();
      await page.goto('/invoicing');
      await page.getByTestId('documents-empty').waitFor();
    });
  });
});
