// Browser tests of the ledger screens, driven in Chromium as the accountant uses them: an entry that does not
// balance cannot be posted, then posts once (even double-clicked) with the next number of its journal and shows in
// the trial balance; its reversal is linked both ways and is not reversible; the API's refusals land on their
// inputs; a locked month refuses postings (only the admin unlocks it); the entrepreneur sees their member's account
// but not the books; the trial balance reads right to left in Arabic.
// The tests run in order on one demo database: the demo's BQ1 already has number 1.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DEMO,
  focusedTestId,
  HAS_CHROMIUM,
  htmlAttributes,
  pathOf,
  screenshot,
  useBackOffice,
  visibleNav,
} from './browser-harness.ts';

/** The demo opens the fiscal year of the server's (UTC) date. */
const YEAR = new Date().getUTCFullYear();
const pad = (n: number) => String(n).padStart(2, '0');
/** The current month as the period rows name it (YYYY-MM), in the browser's time zone as the form dates it. */
const now = new Date();
const MONTH = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const TODAY = `${MONTH}-${pad(now.getDate())}`;

/** Text without layout whitespace nor the invisible isolation marks of bidirectional text. */
const text = async (locator: Locator) =>
  ((await locator.textContent()) ?? '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The digits and decimal comma of an amount, whatever the grouping ("6 250,00 MAD", "6.250,00" → "6250,00"). */
const digits = async (locator: Locator) => (await text(locator)).replace(/[^\d,]/g, '');

/** Types a code in a line's account combobox and chooses it with the keyboard, as a person does. */
async function chooseAccount(page: Page, line: number, code: string): Promise<void> {
  const input = page.getByTestId(`line-${line}-account`);
  await input.fill(code);
  await page.locator(`[role="option"][data-code="${code}"]:visible`).waitFor();
  expect(await input.getAttribute('aria-expanded')).toBe('true');
  for (let i = 0; i < 12; i++) {
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    if (active && (await page.locator(`[id="${active}"]`).getAttribute('data-code')) === code) break;
  }
  await input.press('Enter');
  await expect.poll(() => input.getAttribute('aria-expanded')).toBe('false');
  expect(await input.inputValue()).toBe(code);
}

async function fillEntry(page: Page, journal: string, label: string, lines: Array<[string, 'debit' | 'credit', string]>) {
  await page.getByTestId('entry-form').waitFor();
  await page.getByTestId('entry-journal').selectOption(journal);
  await page.getByTestId('entry-label').fill(label);
  for (const [index, [code, side, amount]] of lines.entries()) {
    if (index >= 2) await page.getByTestId('line-add').click();
    await chooseAccount(page, index, code);
    await page.getByTestId(`line-${index}-${side}`).fill(amount);
  }
}

const periodRow = (page: Page) => page.getByTestId(`period-${MONTH}`);

async function confirm(page: Page): Promise<void> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await page.getByTestId('confirm-ok').click();
}

describe.skipIf(!HAS_CHROMIUM)('ledger screens in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('posts a two-line entry only once it balances, once despite a double click, and shows it in the trial balance', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.locator('[data-nav="ledger"]').click();
      await page.getByTestId('periods-table').waitFor();
      expect(pathOf(page)).toBe('/ledger');
      expect(await page.locator('[data-tab="ledger"]').getAttribute('aria-current')).toBe('page');
      expect(await page.getByTestId('period-unlock').count()).toBe(0);
      await page.getByTestId('checklist').waitFor();
      // the next year is not open: the year cannot be closed yet
      expect(await page.locator('[data-item="next_year_open"]').getAttribute('data-ok')).toBe('false');
      expect(await page.getByTestId('year-close').isDisabled()).toBe(true);
      await screenshot(page, 'ledger-home-fr');

      await page.getByTestId('ledger-entry-new').click();
      await page.getByTestId('entry-form').waitFor();
      expect(pathOf(page)).toBe('/ledger/entries/new');
      expect(await page.getByTestId('entry-date').inputValue()).toBe(TODAY);
      await fillEntry(page, 'BQ1', 'Versement d’espèces en banque', [
        ['5141', 'debit', '250,00'],
        ['3421', 'credit', '249,99'],
      ]);
      expect(await text(page.getByTestId('line-0-account-name'))).toBe('Banques (soldes débiteurs)');
      const bar = page.getByTestId('balance-bar');
      await expect.poll(() => digits(page.getByTestId('balance-difference'))).toBe('0,01');
      expect(await digits(page.getByTestId('balance-debit'))).toBe('250,00');
      expect(await digits(page.getByTestId('balance-credit'))).toBe('249,99');
      expect(await bar.getAttribute('data-balanced')).toBe('false');
      expect(await page.getByTestId('entry-post').isDisabled()).toBe(true);
      // a draft can always be saved; posting waits for the balance
      expect(await page.getByTestId('entry-save-draft').isDisabled()).toBe(false);
      await screenshot(page, 'ledger-entry-form-fr');

      await page.getByTestId('line-1-credit').fill('250,00');
      await expect.poll(() => bar.getAttribute('data-balanced')).toBe('true');
      expect(await digits(page.getByTestId('balance-difference'))).toBe('0,00');
      expect(await text(page.getByTestId('balance-status'))).toContain('Écriture équilibrée');
      expect(await page.getByTestId('entry-post').isDisabled()).toBe(false);
      await page.getByTestId('entry-post').dblclick();

      await expect.poll(() => pathOf(page)).toMatch(/^\/ledger\/entries\/\d+$/);
      await expect.poll(() => text(page.getByTestId('entry-reference'))).toBe(`BQ1-${YEAR}-00002`);
      expect(await text(page.getByTestId('entry-notice'))).toContain(`Écriture BQ1-${YEAR}-00002 comptabilisée`);
      expect(await text(page.getByTestId('entry-status'))).toBe('Comptabilisée');
      expect(await page.locator('[data-testid="entry-lines"] tbody tr').count()).toBe(2);
      expect(await digits(page.getByTestId('entry-total-debit'))).toBe('250,00');
      expect(await digits(page.getByTestId('entry-total-credit'))).toBe('250,00');
      expect(await page.getByTestId('entry-reverse').count()).toBe(1);
      expect(await page.locator('[data-tab="ledgerEntries"]').getAttribute('aria-current')).toBe('true');

      // the double click posted one entry: BQ1 holds the demo's payment and this one
      await page.goto('/ledger/entries?journal=BQ1');
      await page.getByTestId('entries-table').waitFor();
      expect(await page.locator('[data-testid="entries-table"] tbody tr').count()).toBe(2);
      expect(await page.getByTestId('entries-journal').inputValue()).toBe('BQ1');

      await page.locator('[data-tab="ledgerReports"]').click();
      const tb = page.getByTestId('trial-balance');
      await tb.waitFor();
      expect(await text(page.getByTestId('report-title'))).toBe('Balance générale');
      expect(await page.getByTestId('report-from').inputValue()).toBe(`${YEAR}-01-01`);
      expect(await page.getByTestId('report-to').inputValue()).toBe(`${YEAR}-12-31`);
      const bank = tb.locator('tr[data-account="5141"]');
      expect(await digits(bank.locator('[data-col="debit"]'))).toBe('6250,00');
      expect(await digits(bank.locator('[data-col="credit"]'))).toBe('');
      expect(await digits(bank.locator('[data-col="closing-debit"]'))).toBe('6250,00');
      const totalDebit = await digits(page.getByTestId('tb-total-debit'));
      expect(totalDebit).not.toBe('');
      expect(await digits(page.getByTestId('tb-total-credit'))).toBe(totalDebit);
      expect(await digits(page.getByTestId('tb-total-closing-debit'))).toBe(
        await digits(page.getByTestId('tb-total-closing-credit')),
      );
      expect(await page.getByTestId('tb-check').getAttribute('data-balanced')).toBe('true');
      expect(await text(page.getByTestId('tb-check'))).toContain('total débit = total crédit');
      const csv = await page.getByTestId('report-csv').getAttribute('href');
      expect(csv).toContain('/api/ledger/reports/trial-balance?');
      expect(csv).toContain('format=csv');
      expect(await page.getByTestId('export-accounting').getAttribute('href')).toContain('/api/ledger/exports/accounting?from=');
      expect(await page.getByTestId('export-hledger').getAttribute('href')).toContain('/api/ledger/exports/hledger?from=');
      await screenshot(page, 'ledger-trial-balance-fr');
    });
  });

  it('reverses the entry once: the reversal and the entry link to each other, and neither can be reversed again', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/ledger/entries?journal=BQ1');
      await page.locator(`tr[data-reference="BQ1-${YEAR}-00002"] [data-testid="entry-link"]`).click();
      await expect.poll(() => text(page.getByTestId('entry-reference'))).toBe(`BQ1-${YEAR}-00002`);
      await page.getByTestId('entry-reverse').click();
      const dialog = page.getByTestId('reverse-dialog');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      expect(await page.getByTestId('reverse-date').inputValue()).toBe(TODAY);
      expect(await page.getByTestId('reverse-label').inputValue()).toBe('Extourne : Versement d’espèces en banque');
      expect(await focusedTestId(page)).toBe('reverse-date');
      await page.getByTestId('reverse-confirm').click();

      await expect.poll(() => text(page.getByTestId('entry-reference'))).toBe(`BQ1-${YEAR}-00003`);
      expect(await text(page.getByTestId('entry-notice'))).toContain(`Extourne BQ1-${YEAR}-00003 de BQ1-${YEAR}-00002`);
      expect(await text(page.getByTestId('entry-reverses-link'))).toBe(`BQ1-${YEAR}-00002`);
      // a reversal is not reversed
      expect(await page.getByTestId('entry-reverse').count()).toBe(0);
      const bank = page.locator('[data-testid="entry-lines"] tr[data-account="5141"]');
      expect(await digits(bank.locator('[data-col="credit"]'))).toBe('250,00');
      expect(await digits(bank.locator('[data-col="debit"]'))).toBe('');

      await page.getByTestId('entry-reverses-link').locator('a').click();
      await expect.poll(() => text(page.getByTestId('entry-reference'))).toBe(`BQ1-${YEAR}-00002`);
      await expect.poll(() => text(page.getByTestId('entry-reversed-by-link'))).toBe(`BQ1-${YEAR}-00003`);
      // nor is an entry reversed twice
      expect(await page.getByTestId('entry-reverse').count()).toBe(0);

      await page.goto('/ledger/entries?journal=BQ1');
      const row = page.locator(`tr[data-reference="BQ1-${YEAR}-00002"]`);
      await row.waitFor();
      expect(await text(row)).toContain(`Extournée par BQ1-${YEAR}-00003`);
      expect(await text(page.locator(`tr[data-reference="BQ1-${YEAR}-00003"]`))).toContain(`Extourne de BQ1-${YEAR}-00002`);
    });
  });

  it('puts the API’s refusal of a line on that line’s input, with the keyboard on it', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/ledger/entries/new');
      await page.getByTestId('entry-form').waitFor();
      await page.getByTestId('entry-label').fill('Compte erroné');
      await chooseAccount(page, 0, '5141');
      await page.getByTestId('line-0-debit').fill('75');
      // typed without choosing: the API does not know this account
      await page.getByTestId('line-1-account').fill('9999');
      await page.getByTestId('line-1-credit').fill('75,00');
      await page.getByTestId('entry-post').click();
      const account = page.getByTestId('line-1-account');
      await expect.poll(() => account.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await account.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
      expect(errorId).toBeDefined();
      const error = await text(page.locator(`[id="${errorId}"]`));
      expect(error).toContain('Compte inconnu ou inactif');
      expect(error).toContain('unknown account "9999"');
      expect(await focusedTestId(page)).toBe('line-1-account');
      expect(await page.getByTestId('line-0-account').getAttribute('aria-invalid')).toBe('false');
      expect(await text(page.getByTestId('entry-form-alert'))).toContain('corrigez les champs signalés (1)');
      expect(pathOf(page)).toBe('/ledger/entries/new');
    });
  });

  it('refuses to post into a locked month with the API’s message; only the admin unlocks it', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/ledger');
      const row = periodRow(page);
      await row.waitFor();
      expect(await text(row.getByTestId('period-state'))).toBe('Ouverte');
      await row.getByTestId('period-lock').click();
      await confirm(page);
      await expect.poll(() => text(row.getByTestId('period-state'))).toBe('Verrouillée');
      expect(await text(page.getByTestId('ledger-notice'))).toContain('est verrouillée');
      // the accountant locks but does not unlock
      expect(await row.getByTestId('period-unlock').count()).toBe(0);
      expect(await row.getByTestId('period-lock').count()).toBe(0);

      await page.getByTestId('ledger-entry-new').click();
      await fillEntry(page, 'OD', 'Écriture dans un mois verrouillé', [
        ['5141', 'debit', '100'],
        ['3421', 'credit', '100'],
      ]);
      await expect.poll(() => text(page.getByTestId('entry-date-warning'))).toContain('est verrouillée');
      await page.getByTestId('entry-post').click();
      const alert = page.getByTestId('entry-form-alert');
      await expect.poll(() => text(alert)).toContain(`the period of ${TODAY} is locked: nothing can be posted in it`);
      expect(await text(alert)).toContain('Refusé par la comptabilité');
      expect(await page.getByTestId('entry-date').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('entry-date');
      expect(pathOf(page)).toBe('/ledger/entries/new');

      // the same entry can wait as a draft, which is then deleted
      await page.getByTestId('entry-save-draft').click();
      await expect.poll(() => text(page.getByTestId('entry-status'))).toBe('Brouillon');
      expect(await text(page.getByTestId('entry-reference'))).toMatch(/^BROUILLON-\d+$/);
      expect(await page.getByTestId('entry-reverse').count()).toBe(0);
      expect(await page.getByTestId('entry-edit').count()).toBe(1);
      await page.getByTestId('entry-delete').click();
      await confirm(page);
      await expect.poll(() => pathOf(page)).toBe('/ledger/entries');
      expect(await text(page.getByTestId('entries-notice'))).toContain('supprimé');
    });

    await withPage(async (page) => {
      await signInAs(page, DEMO.admin);
      await page.locator('[data-nav="ledger"]').click();
      const row = periodRow(page);
      await row.waitFor();
      expect(await text(row.getByTestId('period-state'))).toBe('Verrouillée');
      await row.getByTestId('period-unlock').click();
      await confirm(page);
      await expect.poll(() => text(row.getByTestId('period-state'))).toBe('Ouverte');
      expect(await row.getByTestId('period-unlock').count()).toBe(0);
    });
  }, 60_000);

  it('shows the entrepreneur their member’s account and what the GIE owes it, and not the books', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      expect(await visibleNav(page)).toEqual(DEMO.entrepreneur.nav);
      expect(await page.locator('[data-nav="ledger"]').count()).toBe(0);
      await page.locator('[data-nav="members"]').click();
      const section = page.getByTestId('member-account');
      await section.waitFor();
      await expect.poll(() => digits(page.getByTestId('member-account-owed'))).toBe('8208,56');
      expect(await text(section.locator('h2'))).toBe('Compte du membre');
      expect(await text(section)).toContain('Dû au membre par le GIE');
      expect(await text(page.getByTestId('member-account-code'))).toBe('4464-M01');
      const statement = page.getByTestId('member-statement');
      expect(await text(statement.locator('tbody'))).toContain(`VT-${YEAR}-00002`);
      expect(await digits(page.getByTestId('member-statement-closing'))).toBe('8208,56');
      // the entries themselves are the books' keepers'
      expect(await statement.locator('a').count()).toBe(0);
      expect(await page.getByTestId('member-statement-csv').getAttribute('href')).toContain('format=csv');

      await page.goto('/ledger');
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.locator('gie-ledger-home-page').count()).toBe(0);
      await page.goto('/ledger/reports');
      await page.getByTestId('not-allowed').waitFor();
    });
  });

  it('reads the trial balance right to left in Arabic, with Arabic column headers', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await page.locator('[data-nav="ledger"]').click();
      await page.getByTestId('periods-table').waitFor();
      expect(await text(page.locator('[data-tab="ledger"]'))).toBe('السنوات المالية والفترات');
      await screenshot(page, 'ledger-home-ar');

      await page.locator('[data-tab="ledgerReports"]').click();
      const tb = page.getByTestId('trial-balance');
      await tb.waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await text(page.getByTestId('report-title'))).toBe('ميزان المراجعة');
      const headers = (await tb.locator('thead th').allTextContents()).map((h) => h.trim());
      expect(headers).toEqual([
        'الحساب',
        'اسم الحساب',
        'الرصيد الافتتاحي',
        'حركات الفترة',
        'الرصيد الختامي',
        'مدين',
        'دائن',
        'مدين',
        'دائن',
        'مدين',
        'دائن',
      ]);
      expect(await tb.evaluate((table) => getComputedStyle(table).direction)).toBe('rtl');
      // the account column is on the right, the amounts to its left
      const account = (await tb.locator('thead th').first().boundingBox())!;
      const closing = (await tb.locator('thead th').nth(4).boundingBox())!;
      expect(account.x).toBeGreaterThan(closing.x);
      expect(await text(page.getByTestId('tb-check'))).toContain('الميزان متوازن');
      await screenshot(page, 'ledger-trial-balance-ar');

      await page.locator('[data-tab="ledgerEntries"]').click();
      await page.getByTestId('entry-new').click();
      await fillEntry(page, 'OD', 'قيد تجريبي', [
        ['5141', 'debit', '١٢٣٫٤٥'],
        ['3421', 'credit', '100'],
      ]);
      // Arabic digits and separator are read as the amount they are
      await expect.poll(() => digits(page.getByTestId('balance-difference'))).toBe('23,45');
      expect(await text(page.getByTestId('balance-status'))).toContain('غير متوازن');
      await screenshot(page, 'ledger-entry-form-ar');
    });
  });
});
