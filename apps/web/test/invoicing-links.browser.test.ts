// Browser tests of the invoicing screens in Arabic and English, and of the flows issue 5 finishes, in Chromium:
// - Arabic (dir="rtl"): the entrepreneur drafts the worked invoice with the VAT choices of the dated rate table,
//   every invoicing screen speaks Arabic (no label of the French dictionary left), the amounts are right;
// - English: the manager walks the list, the validation queue, a document and the late payments in English;
// - the validation queue: the entrepreneur submits, the manager opens "À valider" from the home page's shortcuts and
//   sends the draft back with a reason that the entrepreneur reads;
// - "Send the PDF link": the entrepreneur creates a link, an anonymous browser downloads the PDF, the manager
//   revokes it and the link then fails;
// - payouts: the manager pays M01 out and sees the payout in the member's payouts list.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const YEAR = new Date().getUTCFullYear();

/** Digits and the decimal separator the locale uses ("10.082,08 د.م." → "10082,08", "10,082.08 MAD" → "10082.08"). */
const digits = async (locator: Locator, decimal: ',' | '.') => {
  const text = ((await locator.textContent()) ?? '').replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '');
  const [whole = '', fraction = ''] = text.split(decimal === ',' ? /,(?=\d{2}\b)/ : /\.(?=\d{2}\b)/);
  return `${whole.replace(/\D/g, '')}${decimal}${fraction.replace(/\D/g, '')}`;
};

/** Confirms the question a component asked (the links section has its own dialog beside the document page's). */
async function confirm(page: Page, within: string): Promise<void> {
  const dialog = page.locator(within).getByTestId('confirm-dialog');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await page.locator(within).getByTestId('confirm-ok').click();
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

async function memberId(page: Page, code: string): Promise<number> {
  const members = await page.evaluate(async (c) => (await (await fetch(`/api/members?search=${c}`)).json()).items, code);
  return (members as Array<{ id: number; code: string }>).find((m) => m.code === code)!.id;
}

const WORKED_LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  { description: 'Paniers produits du terroir', quantity: '35', unitPrice: '180.00', discountPercent: '5', vat: '10' },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

/** A customer and a draft of the worked invoice for M01, made through the API by whoever is signed in. */
async function workedDraft(page: Page, customerName: string, ice: string): Promise<number> {
  const party = await apiCall(page, 'POST', '/api/parties', { kind: 'company', name: customerName, ice, city: 'Tétouan' });
  expect(party.status, JSON.stringify(party.body)).toBe(201);
  const draft = await apiCall(page, 'POST', '/api/invoicing/documents', {
    kind: 'invoice',
    memberId: await memberId(page, 'M01'),
    customerId: party.body.party.id,
    lines: WORKED_LINES,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return draft.body.id as number;
}

type Dictionary = Record<string, string>;

/**
 * The invoicing dictionaries of the back office. Imported at run time: the test project's TypeScript settings keep
 * the sources of the web app out of its compilation.
 */
async function dictionaries(): Promise<{ invoicingFr: Dictionary; invoicingAr: Dictionary; invoicingEn: Dictionary }> {
  const folder = '../src/i18n';
  const [fr, ar, en] = await Promise.all(
    ['fr', 'ar', 'en'].map((lang) => import(/* @vite-ignore */ `${folder}/invoicing-${lang}.ts`)),
  );
  return { invoicingFr: fr.invoicingFr, invoicingAr: ar.invoicingAr, invoicingEn: en.invoicingEn };
}

/**
 * The French labels of the invoicing dictionary still visible on the screen: every text node under the page's
 * shadow roots, compared with the French texts (their fixed parts of 8 characters or more that no Arabic or
 * English text shares, such as "UBL (XML)").
 */
async function frenchLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.currentNode as Node | null; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        else if ((node as Element).shadowRoot) walk((node as Element).shadowRoot!);
      }
    };
    walk(document);
    return parts.join('\n');
  });
  const { invoicingFr, invoicingAr, invoicingEn } = await dictionaries();
  const fixed = Object.values(invoicingFr)
    .flatMap((value) => value.split(/\{[^}]*\}/))
    .map((part) => part.trim())
    .filter((part) => part.length >= 8)
    .filter((part) => ![...Object.values(invoicingAr), ...Object.values(invoicingEn)].some((other) => other.includes(part)));
  return [...new Set(fixed.filter((part) => text.includes(part)))];
}

// several browser contexts per test, on a machine that may be running other suites: more than the default 30 s
describe.skipIf(!HAS_CHROMIUM)(
  'invoicing in Arabic and English, validation, PDF links and payouts in Chromium',
  { timeout: 90_000 },
  () => {
    const { withPage, signInAs } = useBackOffice();
    let issuedPath = '';

    it('drafts the worked invoice in Arabic, right to left, with the VAT rates of the dated table', async () => {
      await withPage(async (page) => {
        await signInAs(page, DEMO.entrepreneur);
        await page.getByTestId('locale-switch').selectOption('ar');
        await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
        const party = await apiCall(page, 'POST', '/api/parties', {
          kind: 'company',
          name: 'Hôtel Andalous SARL',
          ice: '001525658000099',
          city: 'Tétouan',
        });
        expect(party.status).toBe(201);

        await page.goto('/invoicing/new?kind=invoice');
        await page.getByTestId('document-form').waitFor();
        expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
        expect(await page.locator('gie-document-form-page h1').textContent()).toBe('فاتورة جديدة');
        // the VAT choices are the API's rates in force today, in its order (highest first)
        await page.getByTestId('vat-rates-date').waitFor();
        const rates = await page.evaluate(async () => {
          const today = new Date();
          const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
          return ((await (await fetch(`/api/invoicing/vat-rates?on=${iso}`)).json()).items as Array<{ code: string }>).map(
            (r) => r.code,
          );
        });
        expect(rates).toEqual(['20', '14', '10', '7', '0', 'exempt']);
        const options = await page
          .getByTestId('line-0-vat')
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(options).toEqual(rates);
        expect(await page.getByTestId('line-0-vat').locator('option[value="exempt"]').textContent()).toContain('معفى');

        await page.getByTestId('doc-customer-search').fill('Andalous');
        await expect.poll(() => page.getByTestId('doc-customer').locator('option:checked').textContent()).toContain('Andalous');
        const typed = [
          { description: 'Atelier de dégustation (prestation)', quantity: '2', price: '1250,00', vat: '20' },
          { description: 'Paniers produits du terroir', quantity: '35', price: '180,00', discount: '5', vat: '10' },
          { description: 'Transport frigorifique', quantity: '1', price: '437,35', vat: '14' },
        ];
        for (const [index, line] of typed.entries()) {
          if (index > 0) await page.getByTestId('line-add').click();
          await page.getByTestId(`line-${index}-description`).fill(line.description);
          await page.getByTestId(`line-${index}-quantity`).fill(line.quantity);
          await page.getByTestId(`line-${index}-unitPrice`).fill(line.price);
          if (line.discount) await page.getByTestId(`line-${index}-discountPercent`).fill(line.discount);
          await page.getByTestId(`line-${index}-vat`).selectOption(line.vat);
        }
        await expect.poll(() => digits(page.getByTestId('totals-ttc'), ',')).toBe('10082,08');
        expect(await digits(page.getByTestId('totals-ht'), ',')).toBe('8922,35');
        expect(await digits(page.getByTestId('totals-vat'), ',')).toBe('1159,73');
        expect(await digits(page.getByTestId('totals-vat-14'), ',')).toBe('61,23');
        // an exempt line asks for its legal basis, in Arabic
        await page.getByTestId('line-2-vat').selectOption('exempt');
        await page.getByTestId('line-2-exemptionBasis').waitFor();
        await expect.poll(() => digits(page.getByTestId('totals-ttc'), ',')).toBe('10020,85');
        await page.getByTestId('line-2-vat').selectOption('14');
        expect(await frenchLeft(page)).toEqual([]);
        await screenshot(page, 'invoice-form-ar');

        await page.getByTestId('document-save').click();
        await expect.poll(() => pathOf(page)).toMatch(/^\/invoicing\/\d+$/);
        await page.getByTestId('document-ttc').waitFor();
        expect(await digits(page.getByTestId('document-ttc'), ',')).toBe('10082,08');
        expect(await page.locator('[data-testid="document-status"] .badge').textContent()).toBe('مسودة');
        expect(await page.getByTestId('document-submit').textContent()).toContain('للمصادقة');
        expect(await frenchLeft(page)).toEqual([]);

        await page.goto('/invoicing');
        await expect.poll(() => page.getByTestId('document-row').count()).toBeGreaterThan(0);
        expect(await page.locator('[data-testid="document-row"] .badge').first().textContent()).toBe('مسودة');
        expect(await frenchLeft(page)).toEqual([]);
        await page.goto('/invoicing/overdue');
        await page.locator('gie-overdue-page h1').waitFor();
        await expect.poll(() => page.locator('.loading').count()).toBe(0);
        expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
        expect(await frenchLeft(page)).toEqual([]);
      });
    });

    it('walks the invoicing screens in English: list, validation queue, document, late payments', async () => {
      await withPage(async (page) => {
        await signInAs(page, DEMO.manager);
        const id = await workedDraft(page, 'Riad Zitoun SARL', '001525856000067');
        const issued = await apiCall(page, 'POST', `/api/invoicing/documents/${id}/issue`, { issueDate: `${YEAR}-01-10` });
        expect(issued.status, JSON.stringify(issued.body)).toBe(200);
        issuedPath = `/invoicing/${id}`;
        await page.getByTestId('locale-switch').selectOption('en');
        await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'en', dir: 'ltr' });

        await page.goto('/invoicing');
        await page.getByTestId('documents-table').waitFor();
        expect(await page.getByTestId('filter-to-validate').textContent()).toContain('To validate');
        expect(await frenchLeft(page)).toEqual([]);

        await page.goto('/invoicing/validation');
        await page.getByTestId('documents-title').waitFor();
        expect(await page.getByTestId('documents-title').textContent()).toContain('To validate');
        await expect.poll(() => page.locator('.loading').count()).toBe(0);
        expect(await frenchLeft(page)).toEqual([]);

        await page.goto(issuedPath);
        await page.getByTestId('document-links').waitFor();
        expect(await digits(page.getByTestId('document-ttc'), '.')).toBe('10082.08');
        expect(await page.getByTestId('document-ttc').textContent()).toContain('10,082.08');
        expect(await page.getByTestId('link-create').textContent()).toContain('Send the PDF link');
        await expect.poll(() => page.locator('.loading').count()).toBe(0);
        expect(await frenchLeft(page)).toEqual([]);

        await page.goto(`/invoicing/new?kind=quote`);
        await page.getByTestId('vat-rates-date').waitFor();
        expect(await frenchLeft(page)).toEqual([]);

        await page.goto('/invoicing/overdue');
        await page.locator('gie-overdue-page h1').waitFor();
        await expect.poll(() => page.locator('.loading').count()).toBe(0);
        expect(await frenchLeft(page)).toEqual([]);
        await screenshot(page, 'invoice-issued-en');
      });
    });

    it('lets the manager open the validation queue from the home page and send a draft back with a reason', async () => {
      let id = 0;
      await withPage(async (page) => {
        await signInAs(page, DEMO.entrepreneur);
        id = await workedDraft(page, 'Café Hafa SARL', '001525856000075');
        expect((await apiCall(page, 'POST', `/api/invoicing/documents/${id}/submit`)).status).toBe(200);
      });
      await withPage(async (page) => {
        await signInAs(page, DEMO.manager);
        // a shortcut of the home page
        await page.locator('gie-home-page').getByRole('link', { name: 'À valider' }).click();
        await expect.poll(() => pathOf(page)).toBe('/invoicing/validation');
        await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe('1');
        await page.locator(`[data-testid="document-row"][data-id="${id}"]`).getByTestId('document-link').click();
        await expect.poll(() => pathOf(page)).toBe(`/invoicing/${id}`);
        expect(await page.getByTestId('document-issue').count()).toBe(1);

        await page.getByTestId('document-return').click();
        await page.getByTestId('return-form').waitFor();
        await page.getByTestId('return-submit').click();
        await expect.poll(() => page.getByTestId('return-reason').getAttribute('aria-invalid')).toBe('true');
        await page.getByTestId('return-reason').fill('Ajoutez le numéro du bon de commande dans les notes.');
        await page.getByTestId('return-submit').click();
        await expect.poll(() => page.locator('[data-testid="document-status"] .badge').getAttribute('data-status')).toBe('draft');
        expect(await page.getByTestId('document-notice').textContent()).toContain('renvoyé');
        await page.goto('/invoicing/validation');
        await page.getByTestId('documents-empty').waitFor();
        expect(await page.getByTestId('queue-count').textContent()).toBe('0');
      });
      await withPage(async (page) => {
        await signInAs(page, DEMO.entrepreneur);
        await page.goto(`/invoicing/${id}`);
        await page.getByTestId('document-returned').waitFor();
        expect(await page.getByTestId('document-returned').textContent()).toContain('bon de commande');
        expect(await page.getByTestId('document-edit').count()).toBe(1);
      });
    });

    it('sends the PDF link: the entrepreneur creates it, anyone downloads the PDF, the manager revokes it', async () => {
      let url = '';
      await withPage(async (page) => {
        await signInAs(page, DEMO.entrepreneur);
        await page.goto(issuedPath);
        await page.getByTestId('document-links').waitFor();
        await page.getByTestId('links-empty').waitFor();
        await page.getByTestId('link-email').fill('pas-un-email');
        await page.getByTestId('link-create').click();
        await expect.poll(() => page.getByTestId('link-email').getAttribute('aria-invalid')).toBe('true');
        await page.getByTestId('link-email').fill('compta@riadzitoun.ma');
        await page.getByTestId('link-days').fill('10');
        await page.getByTestId('link-create').click();
        await page.getByTestId('link-created').waitFor();
        url = await page.getByTestId('link-url').inputValue();
        // built from the origin the back office was reached at
        expect(url.startsWith(`${new URL(page.url()).origin}/api/public/documents/`)).toBe(true);
        expect(url).toMatch(/\/[A-Za-z0-9_-]{43}\.pdf$/);
        const mailto = (await page.getByTestId('link-mail').getAttribute('href')) ?? '';
        expect(mailto.startsWith('mailto:compta@riadzitoun.ma?subject=')).toBe(true);
        const body = new URLSearchParams(mailto.slice(mailto.indexOf('?') + 1)).get('body') ?? '';
        expect(body).toContain(`FA-${YEAR}-00001`);
        expect(body.replace(/\u00a0/g, ' ')).toContain('10 082,08 MAD TTC');
        expect(body).toContain(url);
        await expect.poll(() => page.getByTestId('link-row').count()).toBe(1);
        expect(await page.getByTestId('link-row').getAttribute('data-state')).toBe('active');
        expect(await page.getByTestId('link-state').textContent()).toBe('Actif');
        // in French the check of leftover French labels finds them: it is not blind
        expect(await frenchLeft(page)).toContain('Envoyer le lien du PDF');
        await screenshot(page, 'invoice-link-fr');
      });
      // an anonymous browser: no session, no cookie
      await withPage(async (page) => {
        const response = await page.request.get(url);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('application/pdf');
        expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
      });
      await withPage(async (page) => {
        await signInAs(page, DEMO.manager);
        await page.goto(issuedPath);
        await expect.poll(() => page.getByTestId('link-opened').getAttribute('data-count')).toBe('1');
        await page.getByTestId('link-revoke').click();
        await confirm(page, 'gie-document-links');
        await expect.poll(() => page.getByTestId('link-row').getAttribute('data-state')).toBe('revoked');
        expect(await page.getByTestId('link-state').textContent()).toBe('Révoqué');
        expect(await page.getByTestId('link-revoke').count()).toBe(0);
      });
      await withPage(async (page) => {
        const response = await page.request.get(url);
        expect(response.status()).toBe(404);
        expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
      });
    });

    it('lists the payouts of a member once the manager pays it out', async () => {
      await withPage(async (page) => {
        await signInAs(page, DEMO.manager);
        const id = Number(issuedPath.split('/').pop());
        const doc = await apiCall(page, 'GET', `/api/invoicing/documents/${id}`);
        const paid = await apiCall(page, 'POST', '/api/invoicing/payments', {
          customerId: doc.body.customerId,
          receivedOn: `${YEAR}-01-20`,
          method: 'transfer',
          amount: '10082.08',
          allocations: [{ documentId: id, amount: '10082.08' }],
        });
        expect(paid.status, JSON.stringify(paid.body)).toBe(201);
        await page.goto(`/members/${await memberId(page, 'M01')}`);
        await page.getByTestId('member-payouts').waitFor();
        await page.getByTestId('member-payouts-empty').waitFor();
        await page.getByTestId('payout-open').click();
        await page.getByTestId('payout-amount').fill('1000,00');
        await page.getByTestId('payout-reference').fill('VIR 2026-001');
        await page.getByTestId('payout-submit').click();
        await expect.poll(() => page.getByTestId('member-payout').count()).toBe(1);
        expect(await page.getByTestId('member-payout').textContent()).toContain('VIR 2026-001');
        expect(await digits(page.getByTestId('member-payout-amount'), ',')).toBe('1000,00');
        expect(await digits(page.getByTestId('member-payouts-total'), ',')).toBe('1000,00');
      });
    });
  },
);
