// Browser tests of the member screens, driven in Chromium as people use them: the manager registers a member
// through the form (the API's refusal on its field first), admits and activates it; imports a CSV through the
// import screen; the entrepreneur sees only their own member; the list reads right to left in Arabic.
// The tests run in order on one demo database: the member created first takes the next code, M08.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const BAD_CSV = [
  'Raison sociale;Statut;ICE;Province;Date de création',
  'Coopérative Erreur Une;Actif;123;Chefchaouen;2019-01-01',
  ';Actif;;Tétouan;',
  'Coopérative Erreur Trois;Inconnu;;Nulle part;31/02/2020',
].join('\r\n');

const CLEAN_CSV = [
  "Raison sociale;Code analytique;Statut;Forme juridique;ICE;IF;Province;Commune;Milieu;Secteur;Date de création;Nombre d'adhérents;Femmes;Jeunes;Emplois;Capital;RIB;Taux de contribution",
  'Coopérative Zitoun Ouazzane;;Actif;Coopérative;005678912000045;;Ouezzane;Ouezzane;Urbain;Agriculture;12/03/2019;20;12;5;4;10 000,00;;',
  'Coopérative Safran des Jbala;;Candidat;Coopérative;;;Larache;Larache;Rural;Agroalimentaire;2020-05-01;15;;;;;;7,5',
  'Coopérative Tissage Chaouen;;Admis;Coopérative;;;Chefchaouen;Chefchaouen;Rural;Artisanat;;10;8;2;3;;;',
].join('\r\n');

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** The texts of each row of a table, cell by cell. */
const rowsOf = (page: Page, testid: string) =>
  page
    .getByTestId(testid)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td, th'), (cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      ),
    );

const pagerStatus = async (page: Page) => (await page.getByTestId('pager-status').textContent())?.replace(/\s+/g, ' ').trim();

describe.skipIf(!HAS_CHROMIUM)('member screens in Chromium', () => {
  const { withPage, signInAs } = useBackOffice();

  it('lets the manager register a member (the wrong ICE refused on its field), admit it as M08 and activate it', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.locator('[data-nav="members"]').click();
      await page.getByTestId('members-table').waitFor();
      // the seven demo members and the three candidates of the demo call for applications
      expect(await page.locator('[data-testid="members-table"] tbody tr').count()).toBe(10);
      await page.getByTestId('member-new').click();
      await page.getByTestId('member-form').waitFor();
      expect(pathOf(page)).toBe('/members/new');

      await page.getByTestId('member-field-legalName').fill('Coopérative Argan Tamount');
      await page.getByTestId('member-field-tradeName').fill('Tamount');
      await page.getByTestId('member-field-ice').fill('12345');
      await page.getByTestId('member-field-province').selectOption('chefchaouen');
      await page.getByTestId('member-field-sector').selectOption('food_processing');
      await page.getByTestId('member-field-area').selectOption('rural');
      await page.getByTestId('member-field-peopleCount').fill('18');
      await page.getByTestId('member-field-womenCount').fill('11');
      await page.getByTestId('member-field-capital').fill('12 500,50');
      await page.getByTestId('member-submit').click();

      // the API refuses the ICE: its error is on the ICE field, which has the keyboard
      const ice = page.getByTestId('member-field-ice');
      await expect.poll(() => ice.getAttribute('aria-invalid')).toBe('true');
      const iceError = await page.locator('#member-ice-error').textContent();
      expect(iceError).toContain('L’ICE compte 15 chiffres.');
      expect(iceError).toContain('expected 15 digits');
      expect(await ice.getAttribute('aria-describedby')).toContain('member-ice-error');
      expect(await focusedTestId(page)).toBe('member-field-ice');
      expect(await page.getByTestId('member-form-alert').textContent()).toContain('corrigez les champs signalés (1)');
      expect(await page.getByTestId('member-field-legalName').getAttribute('aria-invalid')).toBe('false');
      expect(pathOf(page)).toBe('/members/new');

      await ice.fill('004567891000023');
      await page.getByTestId('member-submit').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/members\/\d+$/);
      await expect.poll(() => page.getByTestId('member-notice').textContent()).toContain('enregistré comme candidat');
      expect(await page.getByTestId('member-name').textContent()).toContain('Coopérative Argan Tamount');
      expect(await page.getByTestId('member-status').textContent()).toBe('Candidat');
      expect(await page.locator('[data-field="province"]').textContent()).toContain('Chefchaouen');
      expect(await page.locator('[data-field="capital"]').textContent()).toMatch(/12[.\s]500,50/);
      expect(await page.getByTestId('member-step-active').count()).toBe(0);

      // admission gives the analytic code
      await page.getByTestId('member-step-admitted').click();
      const dialog = page.getByTestId('step-dialog');
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => page.getByTestId('member-code').textContent()).toBe('M08');
      expect(await page.getByTestId('member-notice').textContent()).toContain('M08');
      expect(await page.getByTestId('member-status').textContent()).toBe('Admis');
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);

      await page.getByTestId('member-step-active').click();
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => page.getByTestId('member-status').textContent()).toBe('Actif');

      // a suspension needs a reason: refused before any request, the keyboard on the reason
      await page.getByTestId('member-step-suspended').click();
      await page.getByTestId('step-reason').waitFor();
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => page.getByTestId('step-reason').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('step-reason');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(await page.getByTestId('member-status').textContent()).toBe('Actif');

      // the history has the registration and both steps, oldest first
      const history = await rowsOf(page, 'member-history');
      expect(history).toHaveLength(3);
      expect(history[0]![1]).toBe('Candidat');
      expect(history[1]![1]).toBe('Candidat → devient Admis');
      expect(history[2]![1]).toBe('Admis → devient Actif');
      await screenshot(page, 'member-page-manager-fr');

      // the new member is in the list, found by its code
      await page.locator('[data-nav="members"]').click();
      await page.getByTestId('member-search').fill('M08');
      await expect
        .poll(async () => (await rowsOf(page, 'members-table')).map((row) => row[1]))
        .toEqual([expect.stringContaining('Coopérative Argan Tamount')]);
    });
  }, 60_000);

  it('lets the manager edit the member, add and deactivate an entrepreneur, and give it a logo', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/members?search=M08');
      await page.getByTestId('member-link').click();
      await page.getByTestId('member-edit').click();
      await page.getByTestId('member-form').waitFor();
      expect(pathOf(page)).toMatch(/^\/members\/\d+\/edit$/);
      // the form holds the member's values
      expect(await page.getByTestId('member-field-legalName').inputValue()).toBe('Coopérative Argan Tamount');
      expect(await page.getByTestId('member-field-province').inputValue()).toBe('chefchaouen');
      expect(await page.getByTestId('member-field-capital').inputValue()).toBe('12500.50');
      await page.getByTestId('member-field-womenCount').fill('30');
      await page.getByTestId('member-submit').click();
      await expect.poll(() => page.getByTestId('member-field-womenCount').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#member-womenCount-error').textContent()).toContain('ne peut pas dépasser');
      await page.getByTestId('member-field-womenCount').fill('12');
      await page.getByTestId('member-field-commune').fill('Bab Berred');
      await page.getByTestId('member-submit').click();
      await expect.poll(() => page.getByTestId('member-notice').textContent()).toContain('Modifications enregistrées');
      expect(await page.locator('[data-field="commune"]').textContent()).toContain('Bab Berred');
      expect(await page.locator('[data-field="womenCount"]').textContent()).toContain('12');

      // an entrepreneur with a sign-in; a wrong CIN first
      await page.getByTestId('entrepreneur-add').click();
      await page.getByTestId('entrepreneur-firstName').fill('Samira');
      await page.getByTestId('entrepreneur-lastName').fill('Bennani');
      await page.getByTestId('entrepreneur-cin').fill('123');
      await page.getByTestId('entrepreneur-email').fill('samira.bennani@demo.gie-ecp.ma');
      await page.getByTestId('entrepreneur-password').fill('motdepasse-2026');
      await page.getByTestId('entrepreneur-submit').click();
      await expect.poll(() => page.getByTestId('entrepreneur-cin').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('entrepreneur-cin');
      await page.getByTestId('entrepreneur-cin').fill('K123456');
      await page.getByTestId('entrepreneur-submit').click();
      await page.getByTestId('entrepreneurs-table').waitFor();
      const [entrepreneur] = await rowsOf(page, 'entrepreneurs-table');
      expect(entrepreneur![0]).toContain('Samira Bennani');
      expect(entrepreneur!.slice(1, 6)).toEqual(['K123456', '—', 'samira.bennani@demo.gie-ecp.ma', 'Oui', 'Actif']);
      await page.getByTestId('entrepreneur-deactivate').click();
      await expect.poll(async () => (await rowsOf(page, 'entrepreneurs-table'))[0]![5]).toBe('Désactivé');

      // the logo: uploaded, then shown
      expect(await page.getByTestId('logo-image').count()).toBe(0);
      await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
      await page.getByTestId('logo-upload').click();
      await page.getByTestId('logo-image').waitFor();
      expect(await page.getByTestId('logo-image').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
      // not an image: the API's refusal is said
      await page
        .getByTestId('logo-file')
        .setInputFiles({ name: 'faux.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
      await page.getByTestId('logo-upload').click();
      await expect.poll(() => page.locator('gie-logo-upload [role="alert"]').textContent()).toContain('PNG or JPEG');
    });
  }, 60_000);

  it('imports a CSV: problems listed and import refused, then a clean file checked, imported and listed', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/members');
      await page.getByTestId('member-import').click();
      await page.getByTestId('import-file').waitFor();
      expect(pathOf(page)).toBe('/members/import');
      const apply = page.getByTestId('import-apply');
      expect(await apply.isDisabled()).toBe(true);
      // the template has the French headers, separated by semicolons
      const template = decodeURIComponent((await page.getByTestId('import-template').getAttribute('href'))!.split(',')[1]!);
      expect(template).toContain(
        "Raison sociale;Code analytique;Statut;Forme juridique;ICE;IF;Province;Commune;Milieu;Secteur;Date de création;Nombre d'adhérents;Femmes;Jeunes;Emplois;Capital;RIB;Taux de contribution",
      );

      await page.getByTestId('import-file').setInputFiles(csvFile('erreurs.csv', BAD_CSV));
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-problems').waitFor();
      expect(await page.getByTestId('import-total').textContent()).toBe('3');
      expect(await page.getByTestId('import-valid').textContent()).toBe('0');
      const problems = await rowsOf(page, 'import-problems');
      expect(problems.length).toBeGreaterThanOrEqual(5);
      expect(problems).toContainEqual(['2', 'ICE', expect.stringContaining('15 digits')]);
      expect(problems).toContainEqual(['3', 'Raison sociale', expect.any(String)]);
      expect(problems).toContainEqual(['4', 'Statut', expect.stringContaining('Inconnu')]);
      expect(problems).toContainEqual(['4', 'Province', expect.stringContaining('Nulle part')]);
      expect(problems).toContainEqual(['4', 'Date de création', expect.stringContaining('31/02/2020')]);
      expect(await page.getByTestId('import-outcome').textContent()).toContain('problème(s) à corriger');
      expect(await apply.isDisabled()).toBe(true);
      await screenshot(page, 'member-import-problems-fr');

      await page.getByTestId('import-file').setInputFiles(csvFile('membres.csv', CLEAN_CSV));
      // another file: the former report no longer applies
      expect(await page.getByTestId('import-report').count()).toBe(0);
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-outcome').textContent()).toContain('Aucun problème');
      expect(await page.getByTestId('import-total').textContent()).toBe('3');
      expect(await page.getByTestId('import-valid').textContent()).toBe('3');
      expect(await page.getByTestId('import-problems').count()).toBe(0);
      expect(await apply.isDisabled()).toBe(false);
      await screenshot(page, 'member-import-report-fr');

      await apply.click();
      await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('3');
      expect(await page.getByTestId('import-outcome').textContent()).toContain('3 membre(s) importé(s)');
      expect(await apply.isDisabled()).toBe(true);
      await screenshot(page, 'member-import-applied-fr');

      await page.getByTestId('import-outcome').getByRole('link').click();
      await page.getByTestId('members-table').waitFor();
      expect(pathOf(page)).toBe('/members');
      await page.getByTestId('member-search').fill('Zitoun');
      await expect
        .poll(async () => (await rowsOf(page, 'members-table')).map((row) => row[1]))
        .toEqual([expect.stringContaining('Coopérative Zitoun Ouazzane')]);
      const [row] = await rowsOf(page, 'members-table');
      expect(row![1]).toContain('Coopérative Zitoun Ouazzane');
      expect(row![2]).toBe('Actif');
      expect(row![3]).toBe('Ouezzane');
      expect(new URL(page.url()).search).toBe('?search=Zitoun');

      await page.getByTestId('filter-reset').click();
      await expect.poll(() => rowsOf(page, 'members-table')).toHaveLength(14);
      // the filters narrow the list: the imported candidate and the three of the demo call
      await page.getByTestId('filter-status').selectOption('candidate');
      await expect
        .poll(async () => (await rowsOf(page, 'members-table')).map((row) => row[1]).sort())
        .toEqual([
          expect.stringContaining('Coopérative Al Fath de poterie'),
          expect.stringContaining('Coopérative Bahr de mareyage'),
          expect.stringContaining('Coopérative Safran des Jbala'),
          expect.stringContaining('Coopérative Tifawin des plantes aromatiques'),
        ]);
      expect(new URL(page.url()).search).toBe('?status=candidate');
      expect(await pagerStatus(page)).toBe('Page 1 sur 1 · 4 au total');
    });
  }, 60_000);

  it('shows the progress lines of the stream in a progress bar with the row count', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/members/import');
      await page.getByTestId('import-file').waitFor();
      // the API on PGlite sends its progress in one burst; a paused stream shows what a long import looks like
      await page.evaluate(() => {
        const realFetch = window.fetch.bind(window);
        const state = window as unknown as { releaseImport?: () => void; importHeaders?: Record<string, string> };
        window.fetch = async (input, init) => {
          const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
          if (!url.includes('/api/members/import')) return realFetch(input, init);
          state.importHeaders = Object.fromEntries(new Headers(init?.headers).entries());
          const encoder = new TextEncoder();
          const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
          const body = new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(line({ progress: { done: 1500, total: 20000 } }));
              await new Promise<void>((resolve) => {
                state.releaseImport = resolve;
              });
              controller.enqueue(line({ progress: { done: 20000, total: 20000 } }));
              const report = { mode: 'dry-run', total: 20000, valid: 20000, created: 0, problems: [] };
              controller.enqueue(line({ result: report }));
              controller.close();
            },
          });
          return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
        };
      });
      await page.getByTestId('import-file').setInputFiles(csvFile('gros.csv', CLEAN_CSV));
      await page.getByTestId('import-check').click();
      const count = page.getByTestId('import-progress-count');
      await expect.poll(() => count.textContent()).toMatch(/^1[.\s]500 \/ 20[.\s]000$/);
      const bar = page.locator('#import-progress-bar');
      expect(await bar.evaluate((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).toEqual([
        1500, 20000,
      ]);
      expect(await page.getByTestId('import-check').getAttribute('aria-busy')).toBe('true');
      expect(await page.getByTestId('import-file').isDisabled()).toBe(true);
      await screenshot(page, 'member-import-progress-fr');
      const headers = await page.evaluate(() => (window as unknown as { importHeaders: Record<string, string> }).importHeaders);
      expect(headers.accept).toBe('application/x-ndjson');
      expect(headers['x-csrf-token']).toMatch(/.+/);
      expect(headers['content-type']).toContain('text/csv');

      await page.evaluate(() => (window as unknown as { releaseImport: () => void }).releaseImport());
      await expect.poll(() => page.getByTestId('import-outcome').textContent()).toContain('Aucun problème');
      expect(await count.count()).toBe(0);
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(false);
    });
  });

  it('sorts and pages the list', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.accountant);
      await page.goto('/members');
      await page.getByTestId('members-table').waitFor();
      // 7 demo members, the demo call's 3 candidates, M08 and 3 imported: 14 in all
      await expect.poll(() => pagerStatus(page)).toBe('Page 1 sur 1 · 14 au total');
      expect(await page.getByTestId('member-new').count()).toBe(0);
      expect(await page.getByTestId('member-import').count()).toBe(0);
      await page.getByTestId('sort-code').click();
      await expect.poll(async () => (await rowsOf(page, 'members-table'))[0]![0]).toBe('M10');
      expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Code');
      await page.goto('/members?pageSize=25&sort=legalName');
      await page.getByTestId('members-table').waitFor();
      await expect.poll(async () => (await rowsOf(page, 'members-table'))[0]![1]).toContain('Coopérative Al Baraka');
      // the accountant reads a member but cannot act on it, nor open the form
      await page.locator('[data-testid="member-link"]').first().click();
      await page.getByTestId('lifecycle').waitFor();
      expect(await page.getByTestId('member-edit').count()).toBe(0);
      expect(await page.locator('[data-testid^="member-step-"]').count()).toBe(0);
      await page.goto('/members/new');
      await page.getByTestId('not-allowed').waitFor();
    });
  });

  it('opens the entrepreneur’s own member as "Mon organisation", read only, and no other member', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      const nav = page.locator('[data-nav="members"]');
      expect(await nav.textContent()).toBe('Mon organisation');
      await nav.click();
      await expect.poll(() => page.getByTestId('member-code').textContent()).toBe('M01');
      const ownPath = pathOf(page);
      expect(ownPath).toMatch(/^\/members\/\d+$/);
      expect(await page.getByTestId('member-name').textContent()).toContain('Coopérative Al Baraka');
      expect(await nav.getAttribute('aria-current')).toBe('page');
      await page.getByTestId('entrepreneurs-table').waitFor();
      expect(await page.getByTestId('entrepreneurs-table').textContent()).toContain('Fatima');
      // read only: no edit, no lifecycle step, no entrepreneur or logo change
      expect(await page.getByTestId('member-edit').count()).toBe(0);
      expect(await page.locator('[data-testid^="member-step-"]').count()).toBe(0);
      expect(await page.getByTestId('entrepreneur-add').count()).toBe(0);
      expect(await page.getByTestId('entrepreneur-deactivate').count()).toBe(0);
      expect(await page.getByTestId('logo-file').count()).toBe(0);
      expect(await page.locator('.breadcrumb').count()).toBe(0);

      // the list sends them to their own page; another member's page is not found
      await page.goto('/members');
      await expect.poll(() => pathOf(page)).toBe(ownPath);
      const otherId = Number(ownPath.split('/')[2]) + 1;
      await page.goto(`/members/${otherId}`);
      await page.getByTestId('member-not-found').waitFor();
      expect(await page.getByTestId('member-not-found').textContent()).toContain('Membre introuvable');
      expect(await page.getByTestId('member-name').count()).toBe(0);
      await page.goto(`/members/${otherId}/edit`);
      await page.getByTestId('not-allowed').waitFor();
    });
  });

  it('shows the member list and a member page right to left in Arabic', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.getByTestId('locale-switch').selectOption('ar');
      await page.locator('[data-nav="members"]').click();
      await page.getByTestId('members-table').waitFor();
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      const headers = await page
        .locator('[data-testid="members-table"] thead th')
        .evaluateAll((cells) => cells.map((c) => c.textContent?.replace(/[▲▼↕]/g, '').trim()));
      expect(headers).toEqual(['الرمز', 'الاسم القانوني', 'الوضعية', 'الإقليم', 'القطاع', 'تاريخ الإنشاء']);
      expect(await page.locator('h1').first().textContent()).toBe('الأعضاء');
      const table = page.getByTestId('members-table');
      expect(await table.evaluate((t) => getComputedStyle(t).direction)).toBe('rtl');
      // the first column (code) is on the right
      const code = (await page.locator('[data-testid="members-table"] thead th').first().boundingBox())!;
      const name = (await page.locator('[data-testid="members-table"] thead th').nth(1).boundingBox())!;
      expect(code.x).toBeGreaterThan(name.x);
      // province names in Arabic, from the reference lists
      await expect.poll(() => page.getByTestId('members-table').textContent()).toContain('شفشاون');
      expect(await pagerStatus(page)).toContain('الصفحة 1 من 1');
      await screenshot(page, 'members-list-ar');

      await page.locator('[data-testid="member-link"]').first().click();
      await page.getByTestId('lifecycle').waitFor();
      await expect.poll(() => page.locator('[data-field="province"]').textContent()).toContain('شفشاون');
      expect(await page.getByTestId('member-status').textContent()).toBe('نشيط');
      await screenshot(page, 'member-page-ar');
      await page.getByTestId('locale-switch').selectOption('fr');
      await expect.poll(() => page.getByTestId('member-status').textContent()).toBe('Actif');
      await screenshot(page, 'member-page-fr');
    });
  });
  // last: it withdraws M01, which the other tests read as active
  it('offers to force a withdrawal the API refuses (unsettled account), with a reason, marked as forced', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.manager);
      await page.goto('/members?search=M01');
      await page.getByTestId('member-link').click();
      await page.getByTestId('member-step-withdrawn').click();
      await page.getByTestId('step-reason').fill('Départ à la demande de la coopérative');
      await page.getByTestId('step-confirm').click();
      const force = page.getByTestId('step-force');
      await force.waitFor();
      expect(await force.getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('step-force');
      expect(await page.locator('#step-force-error').textContent()).toContain('n’est pas soldé');
      expect(await page.getByTestId('member-status').textContent()).toBe('Actif');
      await force.check();
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => page.getByTestId('member-status').textContent()).toBe('Retiré');
      const history = await rowsOf(page, 'member-history');
      expect(history.at(-1)).toEqual([
        expect.any(String),
        'Actif → devient Retiré',
        'Départ à la demande de la coopérative',
        'Oui',
      ]);
      // withdrawal is final: no step left
      expect(await page.locator('[data-testid^="member-step-"]').count()).toBe(0);
      expect(await page.getByTestId('entrepreneur-add').count()).toBe(0);
    });
  });
});
