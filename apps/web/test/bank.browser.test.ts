// Browser test of the bank reconciliation, in Chromium: the manager imports a small statement (checked, then
// applied), matches its first line with the payment already recorded (suggested by its reference), records the
// second as the payment of an open invoice chosen in the dialog, and the invoice then shows as paid; the payments
// register lists both payments as seen on the statement. The accountant reaches the screens, the entrepreneur not.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, HAS_CHROMIUM, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

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

const today = new Date().toISOString().slice(0, 10);
const frenchDay = today.split('-').reverse().join('/');

/** A customer and two issued invoices of 1 200,00 TTC each, the first already paid by transfer VIR-77001. */
async function invoicesAndPayment(page: Page) {
  const customer = await apiCall(page, 'POST', '/api/parties', {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
    city: 'Tétouan',
  });
  expect(customer.status).toBe(201);
  const customerId = customer.body.party.id as number;
  const members = await apiCall(page, 'GET', '/api/members?pageSize=200');
  const memberId = (members.body.items as Array<{ id: number; code: string | null }>).find((m) => m.code === 'M01')?.id;
  const invoices: Array<{ id: number; number: string }> = [];
  for (let i = 0; i < 2; i++) {
    const draft = await apiCall(page, 'POST', '/api/invoicing/documents', {
      kind: 'invoice',
      memberId,
      customerId,
      lines: [{ description: 'Atelier de dégustation', quantity: '1', unitPrice: '1000.00', vat: '20' }],
    });
    const issued = await apiCall(page, 'POST', `/api/invoicing/documents/${draft.body.id}/issue`, {});
    expect(issued.status).toBe(200);
    invoices.push({ id: issued.body.id, number: issued.body.number });
  }
  const payment = await apiCall(page, 'POST', '/api/invoicing/payments', {
    customerId,
    receivedOn: today,
    method: 'transfer',
    amount: '1200.00',
    reference: 'VIR-77001',
    allocations: [{ documentId: invoices[0]?.id, amount: '1200.00' }],
  });
  expect(payment.status).toBe(201);
  return { invoices, paymentId: payment.body.id as number };
}

describe.skipIf(!HAS_CHROMIUM)('bank reconciliation in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('lets the manager import a statement, match a payment, and record a payment from a bank line', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      const { invoices, paymentId } = await invoicesAndPayment(page);
      const csv = [
        'Date de valeur;Libellé;Référence;Débit;Crédit',
        `${frenchDay};VIR RECU HOTEL DAR TETOUAN;VIR-77001;;1 200,00`,
        `${frenchDay};VIREMENT CLIENT;;;1 200,00`,
        `${frenchDay};FRAIS TENUE DE COMPTE;;45,50;`,
      ].join('\r\n');

      // the manager finds reconciliation from the invoicing list
      await page.goto('/invoicing');
      await page.getByTestId('bank-link').click();
      await page.getByTestId('bank-empty').waitFor();
      await page.getByTestId('bank-import').click();
      await page.getByTestId('import-file').waitFor();
      expect(pathOf(page)).toBe('/invoicing/bank/import');
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'releve.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-outcome').textContent()).toContain('Aucun problème');
      await page.getByTestId('import-apply').click();
      await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('3');
      await page.getByTestId('import-outcome').getByRole('link').click();
      await expect.poll(() => pathOf(page)).toBe('/invoicing/bank');
      await page.getByTestId('bank-statement-link').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/invoicing\/bank\/\d+$/);

      const line = (n: number) => page.locator(`[data-testid="bank-line"][data-line="${n}"]`);
      // line 1 names the payment's reference: one click matches it
      const suggestion = line(1).getByTestId('line-suggestion');
      await expect.poll(() => suggestion.getAttribute('data-id')).toBe(String(paymentId));
      expect(await suggestion.textContent()).toContain('référence trouvée');
      await suggestion.click();
      await expect.poll(() => line(1).getAttribute('data-matched')).toBe('true');
      expect(await page.getByTestId('statement-notice').textContent()).toContain('Ligne 1 rapprochée');
      expect(await line(1).getByTestId('line-match').textContent()).toContain(invoices[0]?.number);
      // undoing a match asks first, then offers the payment again
      await line(1).getByTestId('line-unmatch').click();
      const confirmDialog = page.getByTestId('confirm-dialog');
      await expect.poll(() => confirmDialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => line(1).getAttribute('data-matched')).toBe('false');
      expect(await page.getByTestId('statement-notice').textContent()).toContain('défait');
      await line(1).getByTestId('line-suggestion').click();
      await expect.poll(() => line(1).getAttribute('data-matched')).toBe('true');

      // line 2: no payment yet; the open invoice of that amount is offered, and the dialog records it
      await expect.poll(() => line(2).getByTestId('line-pay-invoice').getAttribute('data-id')).toBe(String(invoices[1]?.id));
      expect(await line(2).getByTestId('line-suggestion').count()).toBe(0);
      await line(2).getByTestId('line-record-payment').click();
      const dialog = page.getByTestId('bank-pay-dialog');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await page.getByTestId('bank-pay-search').fill(invoices[1]?.number ?? '');
      const row = page.locator(`[data-testid="bank-pay-invoice"][data-number="${invoices[1]?.number}"]`);
      await expect.poll(() => page.getByTestId('bank-pay-invoice').count()).toBe(1);
      await row.getByTestId('bank-pay-check').check();
      await expect.poll(() => page.getByTestId('bank-pay-amount').inputValue()).toBe('1200,00');
      await screenshot(page, 'bank-pay-dialog');
      await page.getByTestId('bank-pay-submit').click();
      await expect.poll(() => line(2).getAttribute('data-matched')).toBe('true');
      expect(await page.getByTestId('statement-notice').textContent()).toContain('rapproché de la ligne 2');
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);

      // the fees line stays to reconcile; the totals say so
      expect(await line(3).getAttribute('data-matched')).toBe('false');
      const digits = async (testid: string) => ((await page.getByTestId(testid).textContent()) ?? '').replace(/[^\d,-]/g, '');
      expect(await digits('sum-matched')).toBe('2400,00');
      expect(await digits('sum-unmatched')).toBe('-45,50');
      await screenshot(page, 'bank-statement');
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => page.locator('#summary-title').textContent()).toBe('المطابقة');
      await screenshot(page, 'bank-statement-ar');
      await page.getByTestId('locale-switch').selectOption('fr');

      // the invoice is paid
      await page.goto(`/invoicing/${invoices[1]?.id}`);
      await expect.poll(() => page.locator('[data-settlement]').first().getAttribute('data-settlement')).toBe('paid');

      // the register shows both payments seen on the statement, with links to their invoices
      await page.goto('/invoicing/payments');
      await expect.poll(() => page.getByTestId('payment-row').count()).toBe(2);
      await screenshot(page, 'payments-register');
      expect(await page.locator('[data-testid="payment-bank"] [data-matched="true"]').count()).toBe(2);
      expect(await page.getByTestId('payment-invoice').allTextContents()).toEqual([invoices[1]?.number, invoices[0]?.number]);
      await page.getByTestId('payments-matched').selectOption('false');
      await page.getByTestId('payments-apply').click();
      await page.getByTestId('payments-empty').waitFor();
    });
  });

  it('opens the screens to the accountant and not to the entrepreneur', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/invoicing/payments');
      await page.getByTestId('payments-table').waitFor();
      await page.goto('/invoicing/bank');
      await page.getByTestId('bank-statements').waitFor();
    });
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      await page.goto('/invoicing/bank');
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByTestId('bank-import').count()).toBe(0);
      const status = await page.evaluate(async () => (await fetch('/api/invoicing/payments')).status);
      expect(status).toBe(403);
    });
  });
});
