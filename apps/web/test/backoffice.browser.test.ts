// Browser tests of the back office: the built apps/web/dist served by the real API (in-memory PGlite, demo
// GIE) and driven in Chromium through the UI, as a user would: sign-in, navigation per role, RTL, users screen.
import { describe, expect, it } from 'vitest';
import {
  BROWSER_REQUIRED,
  CHROMIUM,
  DEMO,
  focusedTestId,
  HAS_CHROMIUM,
  htmlAttributes,
  pathOf,
  useBackOffice,
  visibleNav,
} from './browser-harness.ts';

if (!HAS_CHROMIUM && !BROWSER_REQUIRED) {
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!! The back office BROWSER TESTS were SKIPPED: no Chromium at ${CHROMIUM}.\n` +
      `!! Install chromium or set CHROMIUM_PATH; set REQUIRE_BROWSER=1 to make this a failure.\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
}

// registered only when it fails, so that a normal run does not count a skipped test
if (!HAS_CHROMIUM && BROWSER_REQUIRED) {
  describe('back office browser requirement', () => {
    it('finds a Chromium to run the browser tests with', () => {
      expect.fail(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: install chromium or set CHROMIUM_PATH`);
    });
  });
}

describe.skipIf(!HAS_CHROMIUM)('back office in Chromium', () => {
  const { withPage, signIn, signInAs } = useBackOffice();

  it.each(Object.entries(DEMO))('shows the %s exactly the navigation of the role, then signs out', async (role, login) => {
    await withPage(async (page) => {
      await signInAs(page, login);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await visibleNav(page)).toEqual(login.nav);
      await expect.poll(() => page.getByTestId('welcome').textContent()).toContain(login.name);
      expect(await page.getByTestId('current-user-role').textContent()).toBe(login.role);
      expect(await page.locator('[data-nav="home"]').getAttribute('aria-current')).toBe('page');

      const members = page.locator('[data-nav="members"]');
      // the observatory login has no members' entry: it sees aggregated statistics only
      if ((login.nav as readonly string[]).includes('members')) {
        expect(await members.textContent()).toBe(role === 'entrepreneur' ? 'Mon organisation' : 'Membres');
      } else {
        expect(await members.count()).toBe(0);
      }
      if (role === 'entrepreneur') {
        await expect.poll(() => page.getByTestId('home-member').textContent()).toContain('Coopérative Al Baraka');
        // "Mon organisation" is the page of their own member, not a list
        await members.click();
        await expect.poll(() => page.getByTestId('member-name').textContent()).toContain('Coopérative Al Baraka');
        expect(pathOf(page)).toMatch(/^\/members\/\d+$/);
        expect(await members.getAttribute('aria-current')).toBe('page');
        expect(await page.getByTestId('members-table').count()).toBe(0);
      }

      await page.getByTestId('logout').click();
      await page.getByTestId('login-email').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.locator('[data-nav]').count()).toBe(0);
      // signed out on the server too: a reload stays on the login page
      await page.reload();
      await page.getByTestId('login-email').waitFor();
      expect(await page.getByTestId('logout').count()).toBe(0);
    });
  });

  it('speaks French left to right by default and mirrors the layout in Arabic', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await page.getByTestId('login-submit').waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      expect(await page.getByTestId('login-submit').textContent()).toContain('Se connecter');

      await signInAs(page, DEMO.manager);
      expect(await page.locator('[data-nav="home"]').textContent()).toBe('Accueil');
      expect(await page.locator('[data-nav="selection"]').textContent()).toBe('Comité de sélection');
      expect(await page.getByTestId('logout').textContent()).toContain('Se déconnecter');
      const nav = page.locator('nav');
      expect(await nav.getAttribute('aria-label')).toBe('Navigation principale');
      expect(await page.locator('main#main').count()).toBe(1);
      expect(await page.getByTestId('skip-link').textContent()).toBe('Aller au contenu principal');
      const ltrBox = (await nav.boundingBox())!;
      expect(ltrBox.x).toBeLessThan(10);

      await page.getByTestId('locale-switch').selectOption('ar');
      await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect.poll(() => page.locator('[data-nav="members"]').textContent()).toBe('الأعضاء');
      expect(await page.locator('[data-nav="invoicing"]').textContent()).toBe('الفوترة');
      expect(await page.locator('[data-nav="ledger"]').textContent()).toBe('المحاسبة');
      expect(await page.locator('[data-nav="pooling"]').textContent()).toBe('الخدمات المشتركة');
      expect(await page.locator('[data-nav="selection"]').textContent()).toBe('لجنة الانتقاء');
      expect(await page.getByTestId('logout').textContent()).toContain('تسجيل الخروج');
      expect(await page.getByTestId('current-user-role').textContent()).toBe('المسيّر');
      expect(await nav.getAttribute('aria-label')).toBe('التنقل الرئيسي');
      expect(await nav.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      const rtlBox = (await nav.boundingBox())!;
      const viewport = page.viewportSize()!;
      expect(rtlBox.x).toBeGreaterThan(viewport.width / 2);
      expect(rtlBox.x + rtlBox.width).toBeGreaterThan(viewport.width - 10);

      // the choice is remembered in this browser
      await page.reload();
      await expect.poll(() => page.locator('[data-nav="home"]').textContent()).toBe('الرئيسية');
      expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    });
  });

  it('refuses a wrong password with the localised message and the focus on a field', async () => {
    await withPage(async (page) => {
      await signIn(page, DEMO.committee.email, 'pas-le-bon-mot-de-passe');
      const alert = page.locator('#login-alert');
      await expect.poll(() => alert.textContent()).toContain('E-mail ou mot de passe incorrect');
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await focusedTestId(page)).toMatch(/^login-(email|password)$/);
      expect(await page.getByTestId('login-email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('login-email').getAttribute('aria-describedby')).toContain('login-alert');
      expect(await page.locator('[data-nav]').count()).toBe(0);
      expect(await page.getByTestId('logout').count()).toBe(0);

      // empty fields are caught before any request, with a message tied to each field
      await page.getByTestId('login-email').fill('');
      await page.getByTestId('login-password').fill('');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => focusedTestId(page)).toBe('login-email');
      expect(await page.locator('#email-error').textContent()).toContain('Saisissez votre adresse e-mail.');
      expect(await page.getByTestId('login-email').getAttribute('aria-describedby')).toContain('email-error');

      // the same refusal reads in Arabic
      await page.getByTestId('locale-switch').selectOption('ar');
      await page.getByTestId('login-email').fill(DEMO.committee.email);
      await page.getByTestId('login-password').fill('pas-le-bon-mot-de-passe');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => alert.textContent()).toContain('البريد الإلكتروني أو كلمة المرور غير صحيحة');
    });
  });

  it('lets the admin create a user who can then sign in, and shows the API field errors', async () => {
    const email = 'nouveau@demo.gie-ecp.ma';
    await withPage(async (page) => {
      await signInAs(page, DEMO.admin);
      await page.locator('[data-nav="users"]').click();
      await page.getByTestId('users-table').waitFor();
      expect(new URL(page.url()).pathname).toBe('/users');
      expect(await page.locator('[data-nav="users"]').getAttribute('aria-current')).toBe('page');
      // one demo user per role, and the two other members of the demo selection committee
      expect(await page.locator('[data-testid="users-table"] tbody tr').count()).toBe(8);

      // invalid e-mail and short password: the API refuses, and each error lands on its field
      await page.getByTestId('user-displayName').fill('Nadia Comptable');
      await page.getByTestId('user-email').fill('pas-une-adresse');
      // the read-only observatory role is offered with the others
      expect(await page.getByTestId('user-role').locator('option[value="observatory"]').textContent()).toBe('Observatoire');
      await page.getByTestId('user-role').selectOption('accountant');
      await page.getByTestId('user-password').fill('court');
      await page.getByTestId('user-submit').click();
      const emailInput = page.getByTestId('user-email');
      await expect.poll(() => emailInput.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#new-email-error').textContent()).toContain('Saisissez une adresse e-mail valide');
      expect(await emailInput.getAttribute('aria-describedby')).toContain('new-email-error');
      expect(await page.getByTestId('user-password').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#new-password-error').textContent()).toContain('au moins 10 caractères');
      expect(await page.getByTestId('user-displayName').getAttribute('aria-invalid')).toBe('false');
      expect(await page.getByTestId('user-form-alert').textContent()).toContain('corrigez les champs signalés (2)');
      expect(await focusedTestId(page)).toBe('user-email');

      await emailInput.fill(email);
      await page.getByTestId('user-password').fill('motdepasse-123');
      await page.getByTestId('user-locale').selectOption('ar');
      await page.getByTestId('user-submit').click();
      await expect.poll(() => page.getByTestId('users-notice').textContent()).toContain('Compte créé pour Nadia Comptable');
      const row = page.locator(`tr[data-user-email="${email}"]`);
      expect(await row.locator('[data-testid="user-row-role"]').inputValue()).toBe('accountant');
      expect(await row.getByTestId('user-row-status').textContent()).toBe('Actif');
      expect(await page.getByTestId('user-email').inputValue()).toBe('');

      // the same address twice is a conflict, said on the e-mail field
      await page.getByTestId('user-displayName').fill('Nadia Bis');
      await page.getByTestId('user-email').fill(email);
      await page.getByTestId('user-password').fill('motdepasse-456');
      await page.getByTestId('user-submit').click();
      await expect.poll(() => page.locator('#new-email-error').textContent()).toContain('déjà utilisée');
    });

    await withPage(async (page) => {
      await signIn(page, email, 'motdepasse-123');
      await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBe('Nadia Comptable');
      expect(await visibleNav(page)).toEqual(DEMO.accountant.nav);
      // no language chosen in this browser: the user's own (Arabic) applies after sign-in
      expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await page.locator('[data-nav="ledger"]').textContent()).toBe('المحاسبة');
    });

    // the admin changes the new user's role, then deactivates the account, which then cannot sign in
    await withPage(async (page) => {
      await signInAs(page, DEMO.admin);
      await page.goto('/users');
      const row = page.locator(`tr[data-user-email="${email}"]`);
      await row.waitFor();
      await row.getByTestId('user-row-role').selectOption('manager');
      await row.getByTestId('user-row-save').click();
      await expect.poll(() => page.getByTestId('users-notice').textContent()).toContain('Modification enregistrée pour Nadia');
      expect(await row.getByTestId('user-row-save').count()).toBe(0);
      await row.getByTestId('user-row-toggle').click();
      await expect.poll(() => row.getByTestId('user-row-status').textContent()).toBe('Désactivé');
      expect(await row.getByTestId('user-row-toggle').textContent()).toContain('Réactiver');
      // the admin's own row cannot be deactivated
      expect(await page.locator(`tr[data-user-email="${DEMO.admin.email}"] [data-testid="user-row-toggle"]`).isDisabled()).toBe(
        true,
      );
    });

    await withPage(async (page) => {
      await signIn(page, email, 'motdepasse-123');
      await expect.poll(() => page.locator('#login-alert').textContent()).toContain('E-mail ou mot de passe incorrect');
    });
  }, 90_000);

  it('shows the entrepreneur who opens /users the not-allowed message, not the list', async () => {
    await withPage(async (page) => {
      await signInAs(page, DEMO.entrepreneur);
      await page.goto('/users');
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByTestId('not-allowed').textContent()).toContain('Accès non autorisé');
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.locator('gie-users-page').count()).toBe(0);
      expect(await page.locator('[data-nav="users"]').count()).toBe(0);
      // still signed in: the navigation of the role is there
      expect(await visibleNav(page)).toEqual(DEMO.entrepreneur.nav);
    });
  });
});
