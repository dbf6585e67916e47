// Browser tests of the dashboards, in Chromium: the home page of the manager, of M01's entrepreneur and of a
// committee member is their dashboard, whose charts are SVG images with a name and the year's figures, in French
// and then in Arabic (right to left: the months read from the right, numbers written the Arabic way).
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, HAS_CHROMIUM, htmlAttributes, screenshot, useBackOffice } from './browser-harness.ts';

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

/** Text without the invisible marks and with every kind of space as one plain space. */
const plain = async (locator: Locator) =>
  ((await locator.textContent()) ?? '')
    .replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();

/** How the browser's own Intl writes an amount in dirhams in a language: the reference for the screen's figures. */
const intlAmount = (page: Page, tag: string, value: number) =>
  page.evaluate(
    ({ tag, value }) =>
      new Intl.NumberFormat(tag, { style: 'currency', currency: 'MAD' })
        .format(value)
        .replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '')
        .replace(/[\s\u00A0\u202F]+/g, ' ')
        .trim(),
    { tag, value },
  );

/**
 * Once per server: as the manager, a customer and one invoice of M01 issued today, 1 000.00 + 20% = 1 200.00 TTC,
 * of which 500.00 is received today by transfer.
 */
async function invoiceOfM01(page: Page): Promise<void> {
  const existing = await apiCall(page, 'GET', '/api/invoicing/documents?kind=invoice');
  if (existing.body.total > 0) return;
  const customer = await apiCall(page, 'POST', '/api/parties', {
    kind: 'company',
    name: 'Riad Tamuda SARL',
    ice: '001525658000099',
    city: 'Tétouan',
  });
  expect(customer.status).toBe(201);
  const members = await apiCall(page, 'GET', '/api/members?pageSize=200');
  const memberId = (members.body.items as Array<{ id: number; code: string | null }>).find((m) => m.code === 'M01')?.id;
  const draft = await apiCall(page, 'POST', '/api/invoicing/documents', {
    kind: 'invoice',
    memberId,
    customerId: customer.body.party.id,
    lines: [{ description: 'Atelier de dégustation', quantity: '1', unitPrice: '1000.00', vat: '20' }],
  });
  const issued = await apiCall(page, 'POST', `/api/invoicing/documents/${draft.body.id}/issue`, {});
  expect(issued.status).toBe(200);
  const payment = await apiCall(page, 'POST', '/api/invoicing/payments', {
    customerId: customer.body.party.id,
    receivedOn: new Date().toISOString().slice(0, 10),
    method: 'transfer',
    amount: '500.00',
    allocations: [{ documentId: issued.body.id, amount: '500.00' }],
  });
  expect(payment.status).toBe(201);
}

/** Every chart of the dashboard is an SVG image with a name; returns how many there are. */
async function chartsAreImages(dashboard: Locator): Promise<number> {
  const images = dashboard.locator('svg[role="img"]');
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    const title = await images.nth(i).locator('title').first().textContent();
    expect(title?.trim().length, `chart ${i} has a name`).toBeGreaterThan(0);
    expect(await images.nth(i).getAttribute('aria-labelledby')).toMatch(/title .*desc/);
  }
  return count;
}

/** The x of the first and last category labels of a chart (the months, for a chart over the year). */
async function firstAndLastCategory(chart: Locator): Promise<[number, number]> {
  const xs = await chart.locator('text.category').evaluateAll((texts) => texts.map((t) => Number(t.getAttribute('x'))));
  return [xs[0] as number, xs[xs.length - 1] as number];
}

async function toArabic(page: Page): Promise<void> {
  await page.getByTestId('locale-switch').selectOption('ar');
  await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
}

describe.skipIf(!HAS_CHROMIUM)('dashboards in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it("shows the manager the GIE's dashboard with its charts, in French then in Arabic", async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await invoiceOfM01(page);
      await page.goto('/');
      const dashboard = page.locator('gie-gie-dashboard');
      await dashboard.getByTestId('tile-invoiced').waitFor();
      // 1 200.00 invoiced, 500.00 received, 700.00 still due; the demo books had 6 000.00 at the bank already
      expect(await plain(dashboard.getByTestId('tile-invoiced'))).toBe('1 200,00 MAD');
      expect(await plain(dashboard.getByTestId('tile-collected'))).toBe('500,00 MAD');
      expect(await plain(dashboard.getByTestId('tile-outstanding'))).toBe('700,00 MAD');
      expect(await plain(dashboard.getByTestId('tile-cash'))).toBe('6 500,00 MAD');
      expect(await chartsAreImages(dashboard)).toBeGreaterThanOrEqual(6);
      // the month's revenue of M01, drawn and in the chart's table
      const revenue = dashboard.getByTestId('chart-revenue-members');
      expect(await revenue.locator('[data-testid="chart-bar"][data-value="1000.00"]').count()).toBe(1);
      expect(await plain(revenue.getByTestId('chart-data'))).toContain('1 000,00');
      const [first, last] = await firstAndLastCategory(dashboard.getByTestId('chart-revenue-months'));
      expect(first).toBeLessThan(last);
      // seven active members of the demo, in the ring's legend
      expect(await plain(dashboard.getByTestId('chart-members-status').locator('.legend'))).toContain('Actif 7');
      await screenshot(page, 'dashboard-manager-fr');

      await toArabic(page);
      await expect.poll(() => dashboard.locator('svg[role="img"]').first().getAttribute('data-dir')).toBe('rtl');
      expect(await plain(dashboard.getByTestId('tile-invoiced'))).toBe(await intlAmount(page, 'ar-MA-u-nu-latn', 1200));
      expect(await plain(dashboard.getByTestId('tile-invoiced'))).not.toBe('1 200,00 MAD');
      // right to left, January sits at the right end of the axis
      const [firstAr, lastAr] = await firstAndLastCategory(dashboard.getByTestId('chart-revenue-months'));
      expect(firstAr).toBeGreaterThan(lastAr);
      expect(await chartsAreImages(dashboard)).toBeGreaterThanOrEqual(6);
      expect(await dashboard.locator('h2').textContent()).toContain('لوحة قيادة المجموعة');
      await screenshot(page, 'dashboard-manager-ar');
    });
  });

  it("shows M01's entrepreneur their own dashboard, in French then in Arabic", async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await invoiceOfM01(page);
      await page.getByTestId('logout').click();
      await signInAs(page, DEMO.entrepreneur);
      const dashboard = page.locator('gie-member-dashboard');
      await dashboard.getByTestId('tile-invoiced').waitFor();
      expect(await dashboard.locator('h2').textContent()).toContain('M01');
      expect(await plain(dashboard.getByTestId('tile-invoiced'))).toBe('1 200,00 MAD');
      expect(await plain(dashboard.getByTestId('tile-collected'))).toBe('500,00 MAD');
      const months = dashboard.getByTestId('chart-revenue-months');
      expect(await months.locator('[data-testid="chart-bar"][data-value="1200.00"]').count()).toBe(1);
      expect(await months.locator('[data-testid="chart-bar"][data-value="500.00"]').count()).toBe(1);
      expect(await chartsAreImages(dashboard)).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'dashboard-entrepreneur-fr');

      await toArabic(page);
      await expect.poll(() => months.locator('svg').getAttribute('data-dir')).toBe('rtl');
      expect(await plain(dashboard.getByTestId('tile-collected'))).toBe(await intlAmount(page, 'ar-MA-u-nu-latn', 500));
      const [first, last] = await firstAndLastCategory(months);
      expect(first).toBeGreaterThan(last);
      expect(await months.locator('[data-testid="chart-bar"][data-value="1200.00"]').count()).toBe(1);
      await screenshot(page, 'dashboard-entrepreneur-ar');
    });
  });

  it("shows a committee member the committee's dashboard, in French then in Arabic", async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.committee);
      const dashboard = page.locator('gie-committee-dashboard');
      await dashboard.getByTestId('tile-calls').waitFor();
      // the demo call, which the demo committee member presides, with its eligible applications
      expect(await dashboard.getByTestId('call-in-progress').count()).toBe(1);
      const byStatus = dashboard.getByTestId('chart-applications');
      const eligible = Number(await byStatus.locator('[data-testid="chart-bar"]').first().getAttribute('data-value'));
      expect(eligible).toBeGreaterThan(0);
      expect(await plain(dashboard.getByTestId('tile-applications'))).toBe(String(eligible));
      expect(await chartsAreImages(dashboard)).toBeGreaterThanOrEqual(2);
      expect(await plain(byStatus.getByTestId('chart-data'))).toContain('Éligible');
      await screenshot(page, 'dashboard-committee-fr');

      // a slow answer: the skeleton says the figures are coming, then the year asked is shown
      const year = new Date().getUTCFullYear() - 1;
      await page.route('**/api/reporting/dashboards/committee?*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await dashboard.getByTestId('dashboard-year').selectOption(String(year));
      await dashboard.getByTestId('dashboard-loading').waitFor();
      expect(await dashboard.getByTestId('dashboard').getAttribute('aria-busy')).toBe('true');
      await dashboard.getByTestId('tile-calls').waitFor();
      expect(await dashboard.getByTestId('dashboard').getAttribute('aria-busy')).toBe('false');
      await page.unroute('**/api/reporting/dashboards/committee?*');
      await dashboard.getByTestId('dashboard-year').selectOption(String(year + 1));
      await expect.poll(() => plain(dashboard.getByTestId('tile-applications'))).toBe(String(eligible));

      await toArabic(page);
      await expect.poll(() => byStatus.locator('svg').getAttribute('data-dir')).toBe('rtl');
      expect(await plain(byStatus.getByTestId('chart-data'))).toContain('مؤهَّل');
      const [first, last] = await firstAndLastCategory(dashboard.getByTestId('chart-admissions'));
      expect(first).toBeGreaterThan(last);
      await screenshot(page, 'dashboard-committee-ar');
    });
  });
});
