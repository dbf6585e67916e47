import { readFile } from 'node:fs/promises';
import { ribKey, tableChecksums } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { type Caller, DEMO, problem, seeded, signIn } from './support.ts';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const CANDIDATE = {
  legalName: 'Coopérative Tamount des plantes médicinales',
  province: 'chefchaouen',
  commune: 'Bab Taza',
  area: 'rural',
  sector: 'agriculture',
  peopleCount: 12,
  womenCount: 10,
  youthCount: 4,
  ice: '004 567 891 000 023',
};

type Member = { id: number; code: string | null; status: string; ice: string | null; effectiveContributionRate: string };

async function createCandidate(manager: Caller, body: Record<string, unknown> = CANDIDATE): Promise<Member> {
  const response = await manager.request('POST', '/api/members', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Member;
}

const move = (caller: Caller, id: number, body: Record<string, unknown>) =>
  caller.request('POST', `/api/members/${id}/status`, body);

describeWithDatabase('member registry', (database) => {
  it('registers a candidate with normalised identifiers and the GIE default contribution rate', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const member = await createCandidate(manager);
    expect(member).toMatchObject({ status: 'candidate', code: null, ice: '004567891000023', effectiveContributionRate: '8.00' });
    const history = (await (await manager.request('GET', `/api/members/${member.id}/history`)).json()) as { items: unknown[] };
    expect(history.items).toMatchObject([{ fromStatus: null, toStatus: 'candidate' }]);
  });

  it('names every wrong field and writes nothing', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const before = await tableChecksums(database().db);
    const body = {
      legalName: 'Coop',
      ice: '12345',
      ifNumber: '12',
      tpNumber: 'ABCDEFGH',
      cnssNumber: '1',
      rib: `${'0117801234567890123456'}00`,
      province: 'casablanca',
      sector: 'mining',
      peopleCount: 5,
      womenCount: 6,
      foundedOn: '2999-01-01',
      contactEmail: 'nobody',
    };
    const response = await manager.request('POST', '/api/members', body);
    expect(response.status).toBe(400);
    const paths = (await problem(response)).errors?.map((e) => e.path).sort();
    expect(paths).toEqual([
      'cnssNumber',
      'contactEmail',
      'foundedOn',
      'ice',
      'ifNumber',
      'province',
      'rib',
      'sector',
      'tpNumber',
      'womenCount',
    ]);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('accepts a RIB with the right key and refuses a duplicate ICE', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const body = '0117801234567890123456';
    const member = await createCandidate(manager, { ...CANDIDATE, rib: `${body}${ribKey(body)}` });
    expect(member.id).toBeGreaterThan(0);
    const duplicate = await manager.request('POST', '/api/members', { ...CANDIDATE, legalName: 'Another' });
    expect(duplicate.status).toBe(409);
    expect((await problem(duplicate)).errors?.[0]?.path).toBe('ice');
  });

  it('walks the lifecycle, gives the next analytic code at admission, and records each step', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const member = await createCandidate(manager);
    const admitted = (await (await move(manager, member.id, { to: 'admitted' })).json()) as Member & { admittedOn: string };
    expect(admitted).toMatchObject({ status: 'admitted', code: 'M08', admittedOn: new Date().toISOString().slice(0, 10) });
    expect((await move(manager, member.id, { to: 'active' })).status).toBe(200);
    const noReason = await move(manager, member.id, { to: 'suspended' });
    expect(noReason.status).toBe(400);
    expect((await problem(noReason)).errors?.[0]?.path).toBe('reason');
    expect((await move(manager, member.id, { to: 'suspended', reason: 'Cotisation impayée' })).status).toBe(200);
    expect((await move(manager, member.id, { to: 'active' })).status).toBe(200);
    expect((await move(manager, member.id, { to: 'withdrawn', reason: 'Départ volontaire' })).status).toBe(200);

    const final = await move(manager, member.id, { to: 'active' });
    expect(final.status).toBe(409);
    expect((await problem(final)).detail).toContain('withdrawal is final');
    const history = (await (await manager.request('GET', `/api/members/${member.id}/history`)).json()) as {
      items: Array<{ toStatus: string; reason: string | null }>;
    };
    expect(history.items.map((h) => h.toStatus)).toEqual(['candidate', 'admitted', 'active', 'suspended', 'active', 'withdrawn']);
    expect(history.items[3]?.reason).toBe('Cotisation impayée');
  });

  it('refuses steps the lifecycle does not allow, and dates in the future or before the last step', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const member = await createCandidate(manager);
    const skip = await move(manager, member.id, { to: 'active' });
    expect(skip.status).toBe(409);
    expect((await problem(skip)).detail).toBe('a candidate member cannot become active; it can become admitted or withdrawn');
    expect((await move(manager, member.id, { to: 'admitted', effectiveOn: '2999-01-01' })).status).toBe(400);
    expect((await move(manager, member.id, { to: 'admitted', effectiveOn: '2020-01-01' })).status).toBe(400);
  });

  it('never gives the same analytic code twice', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const a = await createCandidate(manager, { ...CANDIDATE, ice: null });
    const b = await createCandidate(manager, { ...CANDIDATE, legalName: 'Other', ice: null });
    const [ra, rb] = await Promise.all([move(manager, a.id, { to: 'admitted' }), move(manager, b.id, { to: 'admitted' })]);
    const codes = [((await ra.json()) as Member).code, ((await rb.json()) as Member).code].sort();
    expect(codes).toEqual(['M08', 'M09']);
  });

  it('searches, filters, sorts and paginates, and names a bad query parameter', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const page = async (query: string) =>
      (await (await manager.request('GET', `/api/members?${query}`)).json()) as { items: Member[]; total: number };
    expect((await page('search=tissage')).items.map((m) => m.code)).toEqual(['M04']);
    expect((await page('search=COOPERATIVE%20ATLAS')).items.map((m) => m.code)).toEqual(['M04']);
    expect((await page('search=100%25')).items).toEqual([]);
    expect((await page('province=chefchaouen')).items.map((m) => m.code)).toEqual(['M01']);
    expect((await page('sector=food_processing&sort=-code')).items.map((m) => m.code)).toEqual(['M06', 'M02', 'M01']);
    const second = await page('pageSize=3&page=2');
    expect(second.total).toBe(7);
    expect(second.items.map((m) => m.code)).toEqual(['M04', 'M05', 'M06']);
    const bad = await manager.request('GET', '/api/members?pageSize=1000&status=sleeping');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(['pageSize', 'status']);
  });

  it('keeps an entrepreneur to their own member on every endpoint, without revealing the others', async () => {
    const app = await seeded(database());
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    const list = (await (await entrepreneur.request('GET', '/api/members?search=Coop&pageSize=200')).json()) as {
      items: Member[];
    };
    expect(list.items.map((m) => m.code)).toEqual(['M01']);
    const own = list.items[0]?.id ?? 0;
    expect((await entrepreneur.request('GET', `/api/members/${own}`)).status).toBe(200);
    for (const other of [own + 1, own + 6, 99999]) {
      for (const path of [
        `/api/members/${other}`,
        `/api/members/${other}/history`,
        `/api/members/${other}/entrepreneurs`,
        `/api/members/${other}/logo`,
      ]) {
        const response = await entrepreneur.request('GET', path);
        expect(response.status, path).toBe(404);
      }
    }
    expect((await entrepreneur.request('PATCH', `/api/members/${own}`, { legalName: 'Mine now' })).status).toBe(403);
    expect((await entrepreneur.request('POST', '/api/members', CANDIDATE)).status).toBe(403);
    expect((await move(entrepreneur, own, { to: 'suspended', reason: 'x' })).status).toBe(403);
  });

  it("updates a member's identity with an audit trail", async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const member = await createCandidate(manager);
    const response = await manager.request('PATCH', `/api/members/${member.id}`, {
      tradeName: 'Tamount',
      contributionRate: '6.5',
      jobsCount: 3,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      tradeName: 'Tamount',
      contributionRate: '6.50',
      effectiveContributionRate: '6.50',
      jobsCount: 3,
    });
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'member.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ tradeName: null });
    expect(audit.after).toMatchObject({ tradeName: 'Tamount' });
  });

  it('attaches an entrepreneur with a sign-in that sees only that member', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const member = await createCandidate(manager);
    const response = await manager.request('POST', `/api/members/${member.id}/entrepreneurs`, {
      firstName: 'Hanane',
      lastName: 'Bakkali',
      cin: 'l123456',
      email: 'hanane@demo.gie-ecp.ma',
      password: 'motdepasse-123',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ cin: 'L123456', email: 'hanane@demo.gie-ecp.ma', active: true });
    const hanane = await signIn(app, 'hanane@demo.gie-ecp.ma', 'motdepasse-123');
    const mine = (await (await hanane.request('GET', '/api/members')).json()) as { items: Member[] };
    expect(mine.items.map((m) => m.id)).toEqual([member.id]);
    const badCin = await manager.request('POST', `/api/members/${member.id}/entrepreneurs`, {
      firstName: 'A',
      lastName: 'B',
      cin: '123',
    });
    expect((await problem(badCin)).errors?.[0]?.path).toBe('cin');
  });

  it('stores a PNG logo checked by its bytes, and refuses anything else', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const member = await createCandidate(manager);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const put = await manager.request('PUT', `/api/members/${member.id}/logo`, undefined, { 'content-type': 'image/png' });
    expect(put.status).toBe(400); // empty body
    const app = await seeded(database());
    const stored = await app.request(`/api/members/${member.id}/logo`, {
      method: 'PUT',
      body: png,
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': 'image/png' },
    });
    expect(stored.status).toBe(204);
    const got = await manager.request('GET', `/api/members/${member.id}/logo`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    const fake = await app.request(`/api/members/${member.id}/logo`, {
      method: 'PUT',
      body: '<svg onload="alert(1)"/>',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': 'image/png' },
    });
    expect(fake.status).toBe(400);
    expect((await problem(fake)).errors?.[0]).toEqual({ path: 'logo', message: 'expected a PNG or JPEG image' });
  });
});

describeWithDatabase('member import', (database) => {
  const importCsv = (caller: Caller, mode: string, csv: string, accept = 'application/json') =>
    caller.request('POST', `/api/members/import?mode=${mode}`, csv, { 'content-type': 'text/csv', accept });

  it('reports every mistake of a file by row and column, and writes nothing', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const before = await tableChecksums(database().db);
    const response = await importCsv(manager, 'dry-run', await fixture('members-mistakes.csv'));
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      total: number;
      valid: number;
      problems: Array<{ row: number; column: string; message: string }>;
    };
    const cells = report.problems.map((p) => `${p.row}:${p.column}`);
    expect(cells).toEqual([
      '2:Legal name',
      '3:Analytic code',
      '3:ICE',
      '4:Status',
      '4:Province',
      '4:Area',
      '4:Sector',
      '4:Founded on',
      '4:Members count',
      '5:Women',
      '5:RIB',
      '5:Contribution rate',
      '6:Analytic code',
      '6:ICE',
      '7:Founded on',
    ]);
    expect(report.problems.find((p) => p.row === 3 && p.column === 'Analytic code')?.message).toBe(
      'M30 already appears on row 2',
    );
    expect(report.problems.find((p) => p.row === 6 && p.column === 'ICE')?.message).toMatch(/already registered for member \d+/);
    expect(report).toMatchObject({ total: 6, valid: 0 });
    expect(await tableChecksums(database().db)).toEqual(before);

    const applied = await importCsv(manager, 'apply', await fixture('members-mistakes.csv'));
    expect(applied.status).toBe(422);
    expect((await problem(applied)).errors?.[0]).toMatchObject({ path: 'row 2, Legal name' });
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('reports an unknown column in the header', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const report = (await (await importCsv(manager, 'dry-run', await fixture('members-unknown-column.csv'))).json()) as {
      problems: Array<{ row: number; column: string; message: string }>;
    };
    expect(report.problems).toEqual([{ row: 1, column: 'Colour', message: expect.stringContaining('unknown column') }]);
  });

  it('imports a clean French spreadsheet export in one go, codes following the highest one in use', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const csv = await fixture('members-clean.csv');
    const dry = (await (await importCsv(manager, 'dry-run', csv)).json()) as {
      valid: number;
      created: number;
      problems: unknown[];
    };
    expect(dry).toMatchObject({ valid: 3, created: 0, problems: [] });
    const applied = (await (await importCsv(manager, 'apply', csv)).json()) as { created: number };
    expect(applied.created).toBe(3);
    const rows = await database()
      .db.selectFrom('members')
      .select(['legal_name', 'code', 'status', 'province', 'area', 'sector', 'capital', 'contribution_rate', 'founded_on'])
      .where('id', '>', 7)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        code: 'M21',
        status: 'active',
        province: 'chefchaouen',
        area: 'rural',
        capital: '12500.00',
        founded_on: '2015-03-12',
        contribution_rate: '8.00',
      }),
      expect.objectContaining({
        code: 'M20',
        status: 'admitted',
        province: 'mdiq-fnideq',
        area: 'urban',
        sector: 'fishing',
        contribution_rate: '7.50',
      }),
      expect.objectContaining({ code: null, status: 'candidate', province: 'ouezzane', sector: 'food_processing' }),
    ]);
  });

  it('streams progress for a large file, then the result', async () => {
    const manager = await signIn(await seeded(database()), DEMO.manager);
    const lines = ['Raison sociale;Province;Secteur'];
    for (let i = 1; i <= 2000; i++) lines.push(`Coopérative numéro ${i};Tétouan;Services`);
    const response = await importCsv(manager, 'apply', `${lines.join('\n')}\n`, 'application/x-ndjson');
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const events = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.some((e) => e.progress)).toBe(true);
    expect(events.at(-1)).toMatchObject({ result: { created: 2000, problems: [] } });
    const count = await database()
      .db.selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe('2007');
  });

  it('is for the manager, not for entrepreneurs or the committee', async () => {
    const app = await seeded(database());
    for (const who of [DEMO.entrepreneur, DEMO.committee, DEMO.accountant]) {
      const caller = await signIn(app, who);
      expect((await importCsv(caller, 'dry-run', 'Raison sociale\nX\n')).status).toBe(403);
    }
  });
});

describeWithDatabase('GIE identity and reference lists', (database) => {
  it('lets the manager edit the GIE identity with checked identifiers and number templates', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const settings = (await (await manager.request('GET', '/api/gie')).json()) as { name: string; invoiceNumberTemplate: string };
    expect(settings.invoiceNumberTemplate).toBe('FA-{YYYY}-{SEQ:5}');
    const bad = await manager.request('PATCH', '/api/gie', {
      ice: '1',
      defaultPaymentDays: 90,
      invoiceNumberTemplate: 'FA-{SEQ:5}',
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual([
      'defaultPaymentDays',
      'ice',
      'invoiceNumberTemplate',
    ]);
    const ok = await manager.request('PATCH', '/api/gie', { name: 'GIE-ECP Tétouan', defaultContributionRate: '9' });
    expect(await ok.json()).toMatchObject({ name: 'GIE-ECP Tétouan', defaultContributionRate: '9.00' });
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    expect((await entrepreneur.request('PATCH', '/api/gie', { name: 'Mine' })).status).toBe(403);
    const list = (await (await manager.request('GET', '/api/members?search=Atlas')).json()) as { items: Member[] };
    expect(list.items[0]?.effectiveContributionRate).toBe('9.00');
  });

  it('lists the provinces and sectors in three languages', async () => {
    const manager = await signIn(await seeded(database()), DEMO.committee);
    const reference = (await (await manager.request('GET', '/api/reference')).json()) as {
      provinces: Array<{ code: string; nameAr: string }>;
      sectors: unknown[];
    };
    expect(reference.provinces).toHaveLength(8);
    expect(reference.provinces.find((p) => p.code === 'tetouan')?.nameAr).toBe('تطوان');
    expect(reference.sectors.length).toBeGreaterThan(5);
  });
});
