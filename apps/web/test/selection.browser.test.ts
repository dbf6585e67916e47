// Browser tests of the selection committee, in Chromium, on the demo call (grid of five criteria weighted 30, 25, 20,
// 15, 10 on scales 0–5, 0–10, 1–5, 0–5, 0–3; threshold 60; one place; committee: Said Ouazzani president, Nadia
// Bennani rapporteur, Hicham Tahiri member). The three members score the two eligible applications, Hicham in
// Arabic and declaring a conflict on the second; nobody sees the others' marks before the president closes scoring;
// the results rank them with the weighted means (84,22 and 43,25), the abstention and a disagreement flag; the
// president deliberates (refused without quorum), issues the minutes (a PDF); the manager admits the cooperative,
// which appears in the members registry, and the waiting-list candidate gets its letter. Then the manager's own
// screens: a grid with its live weights, a call, an application with an attachment and its eligibility check, and
// the public form of the open call.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, focusedTestId, HAS_CHROMIUM, htmlAttributes, pathOf, screenshot, useBackOffice } from './browser-harness.ts';

const COMMITTEE = {
  president: { email: 'comite@demo.gie-ecp.ma', name: 'Said Ouazzani' },
  rapporteur: { email: 'comite2@demo.gie-ecp.ma', name: 'Nadia Bennani' },
  member: { email: 'comite3@demo.gie-ecp.ma', name: 'Hicham Tahiri' },
} as const;

const TIFAWIN = 'Coopérative Tifawin des plantes aromatiques';
const AL_FATH = 'Coopérative Al Fath de poterie';

/** Marks per criterion, in the grid's order. */
const MARKS: Record<string, Record<string, string[]>> = {
  [COMMITTEE.president.name]: { [TIFAWIN]: ['5', '8', '5', '4', '3'], [AL_FATH]: ['2', '4', '2', '3', '1'] },
  [COMMITTEE.rapporteur.name]: { [TIFAWIN]: ['4', '7', '4', '4', '2'], [AL_FATH]: ['3', '5', '3', '0', '2'] },
  [COMMITTEE.member.name]: { [TIFAWIN]: ['4', '9', '5', '3', '3'] },
};

/** Text without the bidi marks and the kinds of spaces French uses. */
const clean = (text: string | null) =>
  (text ?? '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();

async function signInAs(page: Page, signIn: (page: Page, email: string) => Promise<void>, who: { email: string; name: string }) {
  await signIn(page, who.email);
  await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBe(who.name);
}

/** Opens the demo call from "my calls" and returns its path. */
async function openDemoCall(page: Page): Promise<string> {
  await page.locator('[data-nav="selection"]').click();
  await page.getByTestId('calls-table').waitFor();
  await page.getByTestId('call-link').first().click();
  await expect.poll(() => pathOf(page)).toMatch(/^\/selection\/calls\/\d+$/);
  await page.getByTestId('applications-table').waitFor();
  return pathOf(page);
}

async function openApplication(page: Page, candidate: string): Promise<void> {
  await page.getByTestId('application-link').filter({ hasText: candidate }).click();
  await expect.poll(() => pathOf(page)).toMatch(/^\/selection\/applications\/\d+$/);
  await page.getByTestId('application-title').waitFor();
}

async function score(page: Page, marks: readonly string[], comment: string): Promise<void> {
  await page.getByTestId('scoring-form').waitFor();
  for (const [i, mark] of marks.entries()) await page.getByTestId(`mark-${i}`).fill(mark);
  await page.getByTestId('comment-0').fill(comment);
  await page.getByTestId('scoring-save').click();
  await expect.poll(async () => clean(await page.getByTestId('application-notice').textContent())).toMatch(/5/);
}

async function confirm(page: Page): Promise<void> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await page.getByTestId('confirm-ok').click();
}

/** A GET from the page with its session: status, type and the first bytes. */
function fetchHead(page: Page, path: string) {
  return page.evaluate(async (path) => {
    const response = await fetch(path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      head: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, path);
}

const pdfBytes = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );

describe.skipIf(!HAS_CHROMIUM)('the selection committee in Chromium', () => {
  const { withPage, signIn, signInAs: signInDemo } = useBackOffice();
  let callPath = '';
  let otherCallPath = '';

  it('lets the president score independently: the others’ marks stay hidden until scoring closes', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.president);
      callPath = await openDemoCall(page);
      expect(await page.getByTestId('call-my-role').textContent()).toContain('Président');
      expect(await page.getByTestId('application-row').count()).toBe(2);
      expect(await page.getByTestId('close-scoring').count()).toBe(1);
      for (const candidate of [TIFAWIN, AL_FATH]) {
        await page.goto(callPath);
        await page.getByTestId('applications-table').waitFor();
        await openApplication(page, candidate);
        // the dossier and the grid side by side
        const dossier = (await page.getByTestId('dossier').boundingBox())!;
        const panel = (await page.getByTestId('work-panel').boundingBox())!;
        expect(panel.x).toBeGreaterThan(dossier.x + dossier.width - 1);
        expect(await page.getByTestId('marks-hidden').getAttribute('data-reason')).toBe('scoring_open');
        // a mark outside its scale is refused on its field, nothing saved
        await page.getByTestId('scoring-form').waitFor();
        await page.getByTestId('mark-0').fill('7');
        await page.getByTestId('scoring-save').click();
        await expect.poll(() => page.getByTestId('mark-0').getAttribute('aria-invalid')).toBe('true');
        expect(await focusedTestId(page)).toBe('mark-0');
        await score(page, MARKS[COMMITTEE.president.name]![candidate]!, `Avis du président sur ${candidate}`);
        expect(await page.getByTestId('mark-0').getAttribute('aria-invalid')).toBe('false');
      }
      await page.goto(callPath);
      await expect.poll(() => page.getByTestId('application-my-scoring').allTextContents()).toEqual(['Notée', 'Notée']);
      // the progress says who has finished, never what they gave
      const progress = page.getByTestId('scoring-progress').locator('tbody tr');
      expect(clean(await progress.nth(0).textContent())).toContain(`${COMMITTEE.president.name} Président 2 / 2`);
      expect(clean(await progress.nth(1).textContent())).toContain('0 / 2');
      await screenshot(page, 'selection-call-president');
    });
  });

  it('lets the rapporteur score both applications without seeing the president’s marks', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.rapporteur);
      await openDemoCall(page);
      for (const candidate of [TIFAWIN, AL_FATH]) {
        await page.goto(callPath);
        await page.getByTestId('applications-table').waitFor();
        await openApplication(page, candidate);
        expect(await page.getByTestId('marks-table').count()).toBe(0);
        const api = await page.evaluate(async (path) => (await fetch(path)).json(), `/api${pathOf(page)}`);
        expect(api.marks).toBeNull();
        await score(page, MARKS[COMMITTEE.rapporteur.name]![candidate]!, `Avis de la rapporteure sur ${candidate}`);
      }
    });
  });

  it('lets a member score in Arabic (right to left) and declare a conflict: the application then shows the abstention', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.member);
      await openDemoCall(page);
      await openApplication(page, TIFAWIN);
      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect.poll(() => page.getByTestId('scoring-form').locator('label').first().textContent()).toContain('النقطة');
      // right to left: the dossier is on the right, the grid on its left
      const dossier = (await page.getByTestId('dossier').boundingBox())!;
      const panel = (await page.getByTestId('work-panel').boundingBox())!;
      expect(dossier.x).toBeGreaterThan(panel.x + panel.width - 1);
      expect(await page.getByTestId('scoring-form').evaluate((f) => getComputedStyle(f).direction)).toBe('rtl');
      for (const [i, mark] of MARKS[COMMITTEE.member.name]![TIFAWIN]!.entries()) await page.getByTestId(`mark-${i}`).fill(mark);
      await page.getByTestId('comment-0').fill('مشروع واضح ومهيكل');
      await page.getByTestId('scoring-save').click();
      await expect.poll(async () => clean(await page.getByTestId('application-notice').textContent())).toContain('حُفظت النقط');
      await screenshot(page, 'selection-scoring-ar');
      await page.getByTestId('locale-switch').selectOption('fr');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'fr', dir: 'ltr' });

      await page.goto(callPath);
      await page.getByTestId('applications-table').waitFor();
      await openApplication(page, AL_FATH);
      await page.getByTestId('conflict-declare').click();
      // a declaration without its reason is refused on the field
      await page.getByTestId('conflict-confirm').click();
      await expect.poll(() => page.getByTestId('conflict-reason').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('conflict-reason').fill('Mon frère est membre de la coopérative Al Fath.');
      await page.getByTestId('conflict-confirm').click();
      await page.getByTestId('scoring-abstention').waitFor();
      expect(await page.getByTestId('application-abstention').textContent()).toContain('Abstention');
      expect(await page.getByTestId('scoring-form').count()).toBe(0);
      expect(await page.getByTestId('marks-hidden').getAttribute('data-reason')).toBe('conflict');
      expect(clean(await page.getByTestId('conflicts-list').textContent())).toContain('Hicham Tahiri');
      // the API refuses the marks too, not only the screen
      const refused = await page.evaluate(
        async (path) => {
          const me = await (await fetch('/api/auth/me')).json();
          const file = await (await fetch(path)).json();
          const response = await fetch(`${path}/scores`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({ scores: [{ criterionId: file.criteria[0].id, value: '3' }] }),
          });
          return response.status;
        },
        `/api${pathOf(page)}`,
      );
      expect(refused).toBe(403);
      await page.goto(callPath);
      await expect.poll(() => page.getByTestId('application-my-scoring').allTextContents()).toEqual(['Notée', 'Abstention']);
    });
  });

  it('lets the president close scoring, read the results, deliberate with a quorum and issue the minutes', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.president);
      await page.goto(callPath);
      await page.getByTestId('close-scoring').click();
      await confirm(page);
      await page.getByTestId('scoring-closed').waitFor();

      await page.locator('[data-tab="selectionResults"]').click();
      await page.getByTestId('results-table').waitFor();
      const rows = page.getByTestId('result-row');
      expect(await rows.count()).toBe(2);
      expect(clean(await rows.nth(0).textContent())).toContain(TIFAWIN);
      expect(clean(await rows.nth(0).getByTestId('result-mean').textContent())).toBe('84,22');
      expect(clean(await rows.nth(1).getByTestId('result-mean').textContent())).toBe('43,25');
      expect(await rows.nth(1).getByTestId('result-abstention').count()).toBe(1);
      expect(await rows.nth(1).getByTestId('result-disagreement').count()).toBe(1);
      expect(await rows.nth(0).getByTestId('result-disagreement').count()).toBe(0);
      // the one place goes to the first, and the threshold line (60) falls under it, above the second
      expect(
        await page
          .locator('[data-testid="results-table"] tbody > tr')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid'))),
      ).toEqual(['result-row', 'places-line', 'threshold-line', 'result-row']);
      await screenshot(page, 'selection-results');

      await page.locator('[data-tab="selectionDeliberation"]').click();
      await page.getByTestId('session-form').waitFor();
      const seats = await page.locator('[data-testid^="present-"]').all();
      expect(seats).toHaveLength(3);
      await seats[0]!.check();
      await expect.poll(() => page.getByTestId('quorum').getAttribute('data-reached')).toBe('false');
      await page.getByTestId('session-place').fill('Siège du GIE, Tétouan');
      await page.getByTestId('session-open').click();
      await page.getByTestId('session').waitFor();
      // no quorum: the decision is refused, said on its form
      const first = page.getByTestId('decision-item').filter({ hasText: TIFAWIN });
      await first.getByTestId('decision-reasons').fill('Projet pertinent, meilleure moyenne, au-dessus du seuil.');
      await first.getByTestId('decision-save').click();
      await expect.poll(async () => clean(await first.textContent())).toMatch(/quorum/i);
      for (const seat of seats) await seat.check();
      await expect.poll(() => page.getByTestId('quorum').getAttribute('data-reached')).toBe('true');
      await page.getByTestId('attendance-save').click();
      await expect
        .poll(async () => clean(await page.getByTestId('session-quorum-recorded').textContent()))
        .toContain('3 présent');

      await first.getByTestId('decision-select').selectOption('admitted');
      await first.getByTestId('decision-reasons').fill('Projet pertinent, meilleure moyenne, au-dessus du seuil.');
      await first.getByTestId('decision-vote').check();
      await first.getByTestId('decision-votes-for').fill('3');
      await first.getByTestId('decision-votes-against').fill('0');
      await first.getByTestId('decision-votes-abstain').fill('0');
      await first.getByTestId('decision-save').click();
      await first.getByTestId('decision-recorded').waitFor();
      const second = page.getByTestId('decision-item').filter({ hasText: AL_FATH });
      await second.getByTestId('decision-select').selectOption('waiting');
      await second.getByTestId('decision-reasons').fill('Sous le seuil ; une seule place ; à revoir au prochain appel.');
      await second.getByTestId('decision-save').click();
      await second.getByTestId('decision-recorded').waitFor();
      expect(clean(await second.getByTestId('decision-recorded').textContent())).toContain('Hicham Tahiri');

      await page.getByTestId('minutes-issue').click();
      await confirm(page);
      await page.getByTestId('minutes-list').waitFor();
      expect(await page.getByTestId('minutes-issue').count()).toBe(0);
      const href = (await page.getByTestId('minutes-pdf').getAttribute('href'))!;
      expect(await fetchHead(page, href)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      await screenshot(page, 'selection-deliberation');
    });
  });

  it('lets the manager admit the cooperative, which joins the registry, and hand the waiting-list letter', async () => {
    await withPage(async (page) => {
      await signInDemo(page, DEMO.manager);
      await page.goto(callPath);
      await page.getByTestId('applications-table').waitFor();
      await openApplication(page, TIFAWIN);
      // after closing, the manager reads every member's marks
      await page.getByTestId('marks-table').waitFor();
      expect(await page.locator('[data-testid="marks-table"] thead th').count()).toBe(4);
      await page.getByTestId('application-admit').click();
      await confirm(page);
      await expect.poll(async () => clean(await page.getByTestId('application-notice').textContent())).toMatch(/membre M\d+/);
      const code = /membre (M\d+)/.exec(clean(await page.getByTestId('application-notice').textContent()))![1]!;

      // the sponsor: a committee member, with a first meeting
      await page.getByTestId('sponsor-form').waitFor();
      await page.getByTestId('sponsor-select').selectOption({ label: COMMITTEE.rapporteur.name });
      await page.getByTestId('sponsor-plan').fill('Une rencontre par mois pendant six mois.');
      await page.getByTestId('sponsor-first-meeting').fill(`${new Date().getUTCFullYear() + 1}-01-15`);
      await page.getByTestId('sponsor-save').click();
      await expect.poll(() => page.getByTestId('sponsor-name').textContent()).toContain(COMMITTEE.rapporteur.name);
      expect(await page.getByTestId('meeting').count()).toBe(1);
      await screenshot(page, 'selection-admitted');

      await page.getByTestId('application-member').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/members\/\d+$/);
      await page.goto(`/members?search=${encodeURIComponent('Tifawin')}`);
      await page.getByTestId('members-table').waitFor();
      const row = clean(await page.locator('[data-testid="members-table"] tbody tr').first().textContent());
      expect(row).toContain(code);
      expect(row).toContain('Tifawin');
      expect(row).toContain('Admis');

      await page.goto(callPath);
      await page.getByTestId('applications-table').waitFor();
      await openApplication(page, AL_FATH);
      const letter = (await page.getByTestId('application-letter').getAttribute('href'))!;
      expect(await fetchHead(page, letter)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    });
  });

  it('lets the sponsor record the follow-up meeting of the cooperative they sponsor', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.rapporteur);
      await page.locator('[data-nav="selection"]').click();
      await page.getByTestId('sponsorships-link').click();
      await expect.poll(() => page.getByTestId('sponsorship-card').count()).toBe(1);
      const card = page.getByTestId('sponsorship-card');
      expect(clean(await card.textContent())).toContain('Tifawin');
      const meeting = card.getByTestId('meeting');
      await meeting.getByTestId('meeting-held').check();
      await meeting.getByTestId('meeting-notes').fill('Visite de la distillerie ; premier bon de commande des hôtels.');
      await meeting.getByTestId('meeting-save').click();
      await page.reload();
      await expect.poll(() => page.getByTestId('meeting').getByTestId('meeting-held').isChecked()).toBe(true);
      expect(await page.getByTestId('meeting').getByTestId('meeting-notes').inputValue()).toContain('distillerie');
    });
  });

  it('keeps the committee screens from an entrepreneur', async () => {
    await withPage(async (page) => {
      await signInDemo(page, DEMO.entrepreneur);
      await page.goto(callPath);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.evaluate(async () => (await fetch('/api/selection/calls')).status)).toBe(403);
    });
  });

  it('lets the manager build a grid with live weights, open a call and enter an application with its file', async () => {
    await withPage(async (page) => {
      await signInDemo(page, DEMO.manager);
      await page.goto('/selection/grids/new');
      await page.getByTestId('grid-form').waitFor();
      await page.getByTestId('grid-name').fill('Grille courte');
      await page.getByTestId('criterion-0-label').fill('Pertinence');
      await page.getByTestId('criterion-0-weight').fill('60');
      await page.getByTestId('criterion-add').click();
      expect(await focusedTestId(page)).toBe('criterion-1-label');
      await page.getByTestId('criterion-1-label').fill('Viabilité');
      await page.getByTestId('criterion-1-weight').fill('30');
      await expect.poll(() => page.getByTestId('weights-sum').getAttribute('data-sum')).toBe('90');
      expect(clean(await page.getByTestId('weights-sum').textContent())).toContain('doit faire 100');
      // the API refuses the sum and a scale going down, on their fields; nothing is saved
      await page.getByTestId('criterion-1-scaleMax').fill('0');
      await page.getByTestId('grid-save').click();
      await expect.poll(() => page.getByTestId('criterion-1-scaleMax').getAttribute('aria-invalid')).toBe('true');
      expect(pathOf(page)).toBe('/selection/grids/new');
      await page.getByTestId('criterion-1-scaleMax').fill('10');
      await page.getByTestId('criterion-1-weight').fill('40');
      await expect.poll(() => page.getByTestId('weights-sum').getAttribute('data-sum')).toBe('100');
      await screenshot(page, 'selection-grid-form');
      await page.getByTestId('grid-save').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/selection\/grids\/\d+$/);
      await expect.poll(() => page.getByTestId('grid-notice').textContent()).toContain('Grille enregistrée');

      await page.goto('/selection/calls/new');
      await page.getByTestId('call-form').waitFor();
      await page.getByTestId('call-title').fill('Appel test — artisanat');
      await page.getByTestId('call-closesOn').fill(`${new Date().getUTCFullYear() + 1}-06-30`);
      await page.getByTestId('call-gridId').selectOption({ label: 'Grille courte' });
      await page.getByTestId('call-status').selectOption('open');
      await page.getByTestId('call-item-0').fill('Coopérative immatriculée');
      await page.getByTestId('call-save').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/selection\/calls\/\d+$/);
      const newCall = pathOf(page);
      otherCallPath = newCall;
      await expect.poll(() => page.getByTestId('call-notice').textContent()).toContain('Appel créé');
      expect(await page.locator('[data-testid="call-criteria"] tbody tr').count()).toBe(2);

      // the committee: a president and a member from the committee users
      await page.getByTestId('committee-edit').click();
      await page.getByTestId('seat-0-user').selectOption({ label: `${COMMITTEE.member.name} (${COMMITTEE.member.email})` });
      await page.getByTestId('seat-add').click();
      await page.getByTestId('seat-1-user').selectOption({ label: `${COMMITTEE.president.name} (${COMMITTEE.president.email})` });
      await page.getByTestId('committee-save').click();
      await expect.poll(() => page.getByTestId('committee-seat').count()).toBe(2);
      await screenshot(page, 'selection-call-manager');

      await page.getByTestId('application-new').click();
      await page.getByTestId('application-form').waitFor();
      await page.getByTestId('application-save').click();
      await expect.poll(() => page.getByTestId('candidate-legalName').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('candidate-legalName');
      await page.getByTestId('candidate-legalName').fill('Coopérative Nour du tissage');
      await page.getByTestId('candidate-ice').fill('12');
      await page.getByTestId('application-project').fill('Tissage traditionnel vendu par le GIE.');
      await page.getByTestId('need-commercialisation').check();
      await page.getByTestId('application-save').click();
      // the API's member rules: the ICE has 15 digits
      await expect.poll(() => page.getByTestId('candidate-ice').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('candidate-ice').fill('');
      await page.getByTestId('application-save').click();
      await expect.poll(() => pathOf(page)).toMatch(/^\/selection\/applications\/\d+$/);

      await page
        .getByTestId('attachment-file')
        .setInputFiles({ name: 'statuts.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
      await page.getByTestId('attachment-upload').click();
      await expect.poll(() => page.getByTestId('attachment-file').getAttribute('aria-invalid')).toBe('true');
      await page
        .getByTestId('attachment-file')
        .setInputFiles({ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
      await page.getByTestId('attachment-upload').click();
      await expect.poll(() => page.getByTestId('attachment').count()).toBe(1);
      const file = (await page.getByTestId('attachment-open').getAttribute('href'))!;
      expect(await fetchHead(page, file)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      // the PDF opens inside the page, beside the grid: the back office may frame it, no other site may
      await page.getByTestId('attachment-preview').click();
      await page.getByTestId('attachment-frame').waitFor();
      const framing = await page.evaluate(async (url) => {
        const response = await fetch(url);
        return [response.headers.get('x-frame-options'), response.headers.get('content-security-policy')];
      }, file);
      expect(framing[0]).toBe('SAMEORIGIN');
      expect(framing[1]).toContain("frame-ancestors 'self'");
      await expect
        .poll(() => page.frames().some((f) => f !== page.mainFrame() && new URL(f.url(), 'http://x').pathname === file))
        .toBe(true);

      await page.getByTestId('eligibility-met-0').check();
      await page.getByTestId('eligibility-save').click();
      await expect.poll(() => page.getByTestId('application-status').textContent()).toContain('Éligible');
      expect(clean(await page.getByTestId('eligibility-answers').textContent())).toContain('Coopérative immatriculée');
      await screenshot(page, 'selection-application-staff');

      // the call's public form, without signing in
      await page.getByTestId('logout').click();
      await page.getByTestId('login-email').waitFor();
      await page.goto(`/candidature/${newCall.split('/').at(-1)}`);
      await page.getByTestId('public-form').waitFor();
      expect(await page.getByTestId('public-title').textContent()).toContain('Appel test — artisanat');
      await screenshot(page, 'selection-public');
      await page.getByTestId('candidate-legalName').fill('Coopérative Amal des figues');
      await page.getByTestId('application-project').fill('Sécher et vendre les figues de Chefchaouen.');
      await page.getByTestId('public-submit').click();
      await expect.poll(() => page.getByTestId('candidate-contactEmail').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('candidate-contactEmail').fill('amal@example.ma');
      await page
        .getByTestId('public-file-0')
        .setInputFiles({ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
      await page.getByTestId('public-submit').click();
      await expect.poll(async () => clean(await page.getByTestId('public-sent').textContent())).toContain('Candidature reçue');
    });
  });

  it('answers "not found" to a committee member for a call they do not sit on, and for its applications', async () => {
    await withPage(async (page) => {
      await signInAs(page, signIn, COMMITTEE.rapporteur);
      await page.locator('[data-nav="selection"]').click();
      await page.getByTestId('calls-table').waitFor();
      expect(await page.getByTestId('call-row').count()).toBe(1);
      await page.goto(otherCallPath);
      await page.getByTestId('call-not-found').waitFor();
      expect(await page.evaluate(async (path) => (await fetch(`/api${path}/applications`)).status, otherCallPath)).toBe(404);
    });
  });
});
