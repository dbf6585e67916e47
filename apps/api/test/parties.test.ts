import { type Db, resolvePartyId, tableChecksums } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { type Caller, DEMO, problem, seeded, signIn } from './support.ts';

interface Party {
  id: number;
  name: string;
  kind: string;
  ice: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  paymentDays: number;
  paymentTermsAgreement: string | null;
  mergedIntoId: number | null;
  active: boolean;
}

interface Created {
  party: Party;
  possibleDuplicates: Array<{ id: number; name: string; ice: string | null; reason: string; similarity: number }>;
}

interface Page {
  items: Party[];
  total: number;
  page: number;
  pageSize: number;
}

const ATLAS = { kind: 'company', name: 'Société Atlas SARL', ice: '001234567000089', city: 'Tanger' } as const;

async function create(caller: Caller, body: object): Promise<Created> {
  const response = await caller.request('POST', '/api/parties', body);
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Created;
}

async function page(caller: Caller, query: string): Promise<Page> {
  const response = await caller.request('GET', `/api/parties${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}

const partyCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('parties')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const csv = (caller: Caller, mode: string, text: string, headers: Record<string, string> = {}) =>
  caller.request('POST', `/api/parties/import?mode=${mode}`, text, { 'content-type': 'text/csv; charset=utf-8', ...headers });

describeWithDatabase('parties (customers and suppliers)', (database) => {
  it('requires the ICE of a Moroccan company, not of an individual or a foreign company', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const before = await tableChecksums(database().db);
    const refused = await manager.request('POST', '/api/parties', { kind: 'company', name: 'Atlas' });
    expect(refused.status).toBe(400);
    expect((await problem(refused)).errors).toEqual([{ path: 'ice', message: 'required for a Moroccan company (15 digits)' }]);
    const malformed = await manager.request('POST', '/api/parties', { ...ATLAS, ice: '12345' });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).errors?.[0]).toMatchObject({ path: 'ice' });
    expect(await tableChecksums(database().db)).toEqual(before);

    const person = await create(manager, { kind: 'individual', name: 'Hassan Tazi' });
    expect(person.party).toMatchObject({ kind: 'individual', ice: null, country: 'MA', isCustomer: true, isSupplier: false });
    const foreign = await create(manager, { kind: 'company', name: 'Marseille Import', country: 'fr', isSupplier: true });
    expect(foreign.party).toMatchObject({ country: 'FR', ice: null, isCustomer: false, isSupplier: true });

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'party.create')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([String(person.party.id), String(foreign.party.id)]);
    expect(audit[0]?.after).toMatchObject({ name: 'Hassan Tazi', kind: 'individual' });
  });

  it('applies law 69-21 to payment days, from the GIE default', async () => {
    const app = await seeded(database());
    const accountant = await signIn(app, DEMO.accountant);
    const days = async (body: object) => (await create(accountant, { ...ATLAS, ...body })).party;

    expect((await days({ ice: '000000000000001' })).paymentDays).toBe(60);
    const unagreed = await accountant.request('POST', '/api/parties', { ...ATLAS, paymentDays: 90 });
    expect(unagreed.status).toBe(400);
    expect((await problem(unagreed)).errors?.map((e) => e.path)).toEqual(['paymentTermsAgreement']);
    const agreed = await days({ ice: '000000000000002', paymentDays: 90, paymentTermsAgreement: 'Convention 2026/14' });
    expect(agreed).toMatchObject({ paymentDays: 90, paymentTermsAgreement: 'Convention 2026/14' });
    const tooLong = await accountant.request('POST', '/api/parties', { ...ATLAS, paymentDays: 121, paymentTermsAgreement: 'C' });
    expect(tooLong.status).toBe(400);
    expect((await problem(tooLong)).errors?.map((e) => e.path)).toEqual(['paymentDays']);

    // the agreement cannot be withdrawn while the terms need it
    const withdrawn = await accountant.request('PATCH', `/api/parties/${agreed.id}`, { paymentTermsAgreement: null });
    expect(withdrawn.status).toBe(400);
    expect((await problem(withdrawn)).errors?.map((e) => e.path)).toEqual(['paymentTermsAgreement']);

    await database()
      .db.insertInto('gie_settings')
      .values({ id: 1, name: 'GIE', default_payment_days: 30 })
      .onConflict((oc) => oc.column('id').doUpdateSet({ default_payment_days: 30 }))
      .execute();
    expect((await days({ ice: '000000000000003' })).paymentDays).toBe(30);
    await database().db.deleteFrom('gie_settings').execute();
    expect((await days({ ice: '000000000000004' })).paymentDays).toBe(60);
  });

  it('refuses an ICE another party holds with a 409 naming it, and writes nothing', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const { party: atlas } = await create(manager, ATLAS);
    const { party: other } = await create(manager, { kind: 'company', name: 'Rif Nature', ice: '000000000000005' });
    const before = await tableChecksums(database().db);

    const again = await manager.request('POST', '/api/parties', { ...ATLAS, name: 'Autre nom', ice: '001 234 567 000 089' });
    expect(again.status).toBe(409);
    expect((await problem(again)).errors).toEqual([
      { path: 'ice', message: `001234567000089 already belongs to party ${atlas.id} (Société Atlas SARL)` },
    ]);
    const taken = await manager.request('PATCH', `/api/parties/${other.id}`, { ice: ATLAS.ice });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).errors?.[0]?.path).toBe('ice');
    expect(await tableChecksums(database().db)).toEqual(before);

    // its own ICE is no conflict, and a change that changes nothing is not audited
    const unchanged = await manager.request('PATCH', `/api/parties/${atlas.id}`, { ice: ATLAS.ice, city: ' Tanger ' });
    expect(unchanged.status).toBe(200);
    expect(await tableChecksums(database().db)).toEqual(before);
    const same = await manager.request('PATCH', `/api/parties/${atlas.id}`, { ice: ATLAS.ice, phone: '+212 539 00 00 00' });
    expect(((await same.json()) as Party).phone).toBe('+212 539 00 00 00');
  });

  it('creates a party with a same or similar name, and says which parties it may duplicate', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const { party: atlas } = await create(manager, ATLAS);
    const { party: baraka } = await create(manager, { kind: 'individual', name: 'Coopérative Al Baraka' });

    const sameName = await create(manager, { kind: 'company', name: 'ATLAS s.a.r.l.', ice: '000000000000007' });
    expect(sameName.party.name).toBe('ATLAS s.a.r.l.');
    expect(sameName.possibleDuplicates).toEqual([
      { id: atlas.id, name: 'Société Atlas SARL', ice: ATLAS.ice, reason: 'same-name', similarity: 1 },
    ]);
    const similar = await create(manager, { kind: 'individual', name: 'Cooperative Albaraka' });
    expect(similar.possibleDuplicates.map((d) => [d.id, d.reason])).toEqual([[baraka.id, 'similar-name']]);
    expect(similar.possibleDuplicates[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    const unrelated = await create(manager, { kind: 'individual', name: 'Jbala Miel' });
    expect(unrelated.possibleDuplicates).toEqual([]);

    const reviewer = await signIn(app, DEMO.accountant);
    const response = await reviewer.request('GET', '/api/parties/duplicates');
    expect(response.status).toBe(200);
    const { groups } = (await response.json()) as { groups: Array<{ reason: string; parties: Array<{ id: number }> }> };
    expect(groups.map((g) => ({ reason: g.reason, ids: g.parties.map((p) => p.id) }))).toEqual([
      { reason: 'same-name', ids: [atlas.id, sameName.party.id] },
      { reason: 'similar-name', ids: [baraka.id, similar.party.id] },
    ]);
  });

  it('merges a party into another without losing anything, and audits both rows', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const { party: older } = await create(manager, { kind: 'individual', name: 'Atlas Tanger', email: 'old@atlas.ma' });
    const { party: merged } = await create(manager, {
      ...ATLAS,
      email: 'contact@atlas.ma',
      phone: '0539000000',
      address: '12 rue de Fès',
      isSupplier: true,
      isCustomer: true,
    });
    const { party: survivor } = await create(manager, { kind: 'individual', name: 'Atlas', phone: '0661000000' });
    expect(
      (await manager.request('POST', `/api/parties/${older.id}/merge`, { into: merged.id, reason: 'même client' })).status,
    ).toBe(200);

    const response = await manager.request('POST', `/api/parties/${merged.id}/merge`, { into: survivor.id, reason: 'doublon' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { merged: Party; survivor: Party };
    expect(result.merged).toMatchObject({ id: merged.id, mergedIntoId: survivor.id, active: false, ice: ATLAS.ice });
    // empty fields filled from the merged party, its own kept, roles joined
    expect(result.survivor).toMatchObject({
      id: survivor.id,
      ice: ATLAS.ice,
      email: 'contact@atlas.ma',
      address: '12 rue de Fès',
      phone: '0661000000',
      isCustomer: true,
      isSupplier: true,
      mergedIntoId: null,
      active: true,
    });

    const rows = await database().db.selectFrom('parties').select(['id', 'merged_into_id']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: older.id, merged_into_id: survivor.id },
      { id: merged.id, merged_into_id: survivor.id },
      { id: survivor.id, merged_into_id: null },
    ]);
    expect(await resolvePartyId(database().db, older.id)).toBe(survivor.id);
    expect(await resolvePartyId(database().db, survivor.id)).toBe(survivor.id);

    const read = (await (await manager.request('GET', `/api/parties/${merged.id}`)).json()) as Party;
    expect(read).toMatchObject({ id: merged.id, mergedIntoId: survivor.id });

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['entity_id', 'before', 'after'])
      .where('action', '=', 'party.merge')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(merged.id));
    expect(audit.before).toMatchObject({
      merged: { id: merged.id, mergedIntoId: null, active: true },
      survivor: { id: survivor.id, ice: null, email: null },
    });
    expect(audit.after).toMatchObject({
      merged: { id: merged.id, mergedIntoId: survivor.id, active: false },
      survivor: { id: survivor.id, ice: ATLAS.ice, email: 'contact@atlas.ma' },
      reason: 'doublon',
      repointedIds: [older.id],
    });
  });

  it('refuses merging into itself, into a merged party, or a party already merged, and writes nothing', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const ids: number[] = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) ids.push((await create(manager, { kind: 'individual', name })).party.id);
    const [a, b, c] = ids as [number, number, number];
    expect((await manager.request('POST', `/api/parties/${a}/merge`, { into: b, reason: 'doublon' })).status).toBe(200);
    const before = await tableChecksums(database().db);

    const cases: Array<[number, number, string]> = [
      [c, c, 'into'],
      [c, a, 'into'],
      [a, c, 'id'],
    ];
    for (const [id, into, path] of cases) {
      const response = await manager.request('POST', `/api/parties/${id}/merge`, { into, reason: 'doublon' });
      expect(response.status, `${id} into ${into}`).toBe(409);
      expect((await problem(response)).errors?.[0]?.path).toBe(path);
    }
    expect((await manager.request('POST', `/api/parties/${c}/merge`, { into: 9999, reason: 'x' })).status).toBe(400);
    expect((await manager.request('POST', `/api/parties/9999/merge`, { into: c, reason: 'x' })).status).toBe(404);
    const noReason = await manager.request('POST', `/api/parties/${c}/merge`, { into: b, reason: ' ' });
    expect((await problem(noReason)).errors?.[0]?.path).toBe('reason');
    const changeMerged = await manager.request('PATCH', `/api/parties/${a}`, { city: 'Tanger' });
    expect(changeMerged.status).toBe(409);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('lists without merged parties unless asked, and pages, searches and sorts', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const names = ["L'Étoile du Nord", 'Boulangerie Zahra', 'atlas Textile', 'Café Rif', 'Dar Tissage'];
    const made: Party[] = [];
    for (const [i, name] of names.entries()) {
      made.push(
        (
          await create(manager, {
            kind: 'individual',
            name,
            city: i % 2 === 0 ? 'Tétouan' : 'Tanger',
            ...(i === 4 ? { kind: 'company', ice: '002233445566778', isSupplier: true } : {}),
          })
        ).party,
      );
    }
    const byName = await page(manager, '?sort=name');
    expect(byName.items.map((p) => p.name)).toEqual([
      'atlas Textile',
      'Boulangerie Zahra',
      'Café Rif',
      'Dar Tissage',
      "L'Étoile du Nord",
    ]);
    expect(byName).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    expect((await page(manager, '?sort=-name')).items.map((p) => p.name)[0]).toBe("L'Étoile du Nord");
    expect((await page(manager, '?sort=-createdAt')).items.map((p) => p.id)).toEqual(made.map((p) => p.id).reverse());
    expect((await page(manager, '?sort=createdAt')).items.map((p) => p.id)).toEqual(made.map((p) => p.id));

    const second = await page(manager, '?sort=name&page=2&pageSize=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((p) => p.name)).toEqual(['Café Rif', 'Dar Tissage']);

    const search = async (q: string) => (await page(manager, `?search=${encodeURIComponent(q)}`)).items.map((p) => p.name);
    expect(await search('ETOILE')).toEqual(["L'Étoile du Nord"]);
    expect(await search('café')).toEqual(['Café Rif']);
    expect(await search('cafe')).toEqual(['Café Rif']);
    expect(await search('tetouan')).toEqual(['atlas Textile', 'Dar Tissage', "L'Étoile du Nord"]);
    expect(await search('2233 4455')).toEqual(['Dar Tissage']);
    expect(await search('100%')).toEqual([]);
    expect((await page(manager, '?role=supplier')).items.map((p) => p.name)).toEqual(['Dar Tissage']);
    expect((await page(manager, '?role=customer')).total).toBe(4);

    const [first, other] = made as [Party, Party];
    await manager.request('POST', `/api/parties/${first.id}/merge`, { into: other.id, reason: 'doublon' });
    expect((await page(manager, '')).items.map((p) => p.id)).not.toContain(first.id);
    expect((await page(manager, '?active=false')).items).toEqual([]);
    const all = await page(manager, '?includeMerged=true&active=false');
    expect(all.items.map((p) => [p.id, p.mergedIntoId])).toEqual([[first.id, other.id]]);
    expect((await page(manager, '?includeMerged=true')).total).toBe(5);
  });

  it('names each invalid query parameter', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    for (const [query, path] of [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=1.5', 'pageSize'],
      ['sort=city', 'sort'],
      ['role=partner', 'role'],
      ['active=yes', 'active'],
      ['includeMerged=1', 'includeMerged'],
      ['serch=atlas', 'serch'],
    ] as const) {
      const response = await manager.request('GET', `/api/parties?${query}`);
      expect(response.status, query).toBe(400);
      expect(
        (await problem(response)).errors?.map((e) => e.path),
        query,
      ).toEqual([path]);
    }
    expect((await manager.request('GET', '/api/parties?pageSize=200')).status).toBe(200);
  });

  it('lets an entrepreneur read and record customers, but not suppliers', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const { party: supplier } = await create(manager, { ...ATLAS, isSupplier: true });
    const { party: both } = await create(manager, { kind: 'individual', name: 'Rif Nature', isSupplier: true, isCustomer: true });
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    const before = await tableChecksums(database().db);

    const refused = await entrepreneur.request('POST', '/api/parties', {
      kind: 'individual',
      name: 'Fournisseur',
      isSupplier: true,
    });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).errors?.[0]?.path).toBe('isSupplier');
    expect((await entrepreneur.request('GET', `/api/parties/${supplier.id}`)).status).toBe(404);
    expect((await entrepreneur.request('PATCH', `/api/parties/${supplier.id}`, { city: 'Fès' })).status).toBe(404);
    expect((await entrepreneur.request('PATCH', `/api/parties/${both.id}`, { city: 'Fès' })).status).toBe(403);
    expect(await tableChecksums(database().db)).toEqual(before);

    const { party: customer } = await create(entrepreneur, { kind: 'individual', name: 'Client du marché' });
    const promote = await entrepreneur.request('PATCH', `/api/parties/${customer.id}`, { isSupplier: true });
    expect(promote.status).toBe(403);
    const renamed = await entrepreneur.request('PATCH', `/api/parties/${customer.id}`, { name: 'Client du souk' });
    expect(((await renamed.json()) as Party).name).toBe('Client du souk');
    expect((await page(entrepreneur, '?sort=name')).items.map((p) => p.id)).toEqual([customer.id, both.id]);
    expect((await page(entrepreneur, '?role=supplier')).items.map((p) => p.id)).toEqual([both.id]);
    expect((await entrepreneur.request('GET', '/api/parties/duplicates')).status).toBe(403);
    expect((await entrepreneur.request('POST', `/api/parties/${customer.id}/merge`, { into: both.id, reason: 'x' })).status).toBe(
      403,
    );
    expect((await csv(entrepreneur, 'dry-run', 'nom\nX\n')).status).toBe(403);

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'party.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: 'Client du marché' });
    expect(audit.after).toMatchObject({ name: 'Client du souk' });
  });

  it('keeps the committee out of every party route, and the admin to reading', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const { party } = await create(manager, ATLAS);
    const committee = await signIn(app, DEMO.committee);
    const admin = await signIn(app, DEMO.admin);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/parties'],
      ['POST', '/api/parties', { kind: 'individual', name: 'X' }],
      ['GET', `/api/parties/${party.id}`],
      ['PATCH', `/api/parties/${party.id}`, { city: 'Fès' }],
      ['POST', `/api/parties/${party.id}/merge`, { into: 1, reason: 'x' }],
      ['GET', '/api/parties/duplicates'],
    ];
    const before = await tableChecksums(database().db);
    for (const [method, path, body] of routes) {
      expect((await committee.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await csv(committee, 'dry-run', 'nom\nX\n')).status).toBe(403);
    expect((await app.request('/api/parties')).status).toBe(401);
    expect((await admin.request('GET', `/api/parties/${party.id}`)).status).toBe(200);
    expect((await admin.request('POST', '/api/parties', { kind: 'individual', name: 'X' })).status).toBe(403);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('reports every mistake of a CSV file by row and column on a dry run, and writes nothing', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    await create(manager, ATLAS);
    const before = await tableChecksums(database().db);
    const file = [
      'name,kind,ice,payment days,payment terms agreement,customer,supplier,email,country',
      'Good One,company,000000000000011,30,,yes,no,a@b.ma,MA',
      'No ICE,company,,,,,,,',
      'Bad ICE,company,12AB,,,,,,',
      'Long terms,individual,,90,,,,,',
      'Too long,individual,,150,Convention 1,,,,',
      'Twin,company,000000000000011,,,,,,',
      'Taken,company,001234567000089,,,,,,',
      'No role,individual,,,,no,no,,',
      'Odd kind,partner,,,,,,,',
      'Bad mail,individual,,,,,,not-mail,',
      'Bad yes,individual,,,,maybe,,,',
      ',individual,,,,,,,',
      'Bad country,company,,,,,,,Maroc',
    ].join('\n');
    const response = await csv(manager, 'dry-run', file);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      mode: string;
      total: number;
      valid: number;
      created: number;
      problems: unknown[];
    };
    expect(report).toMatchObject({ mode: 'dry-run', total: 13, valid: 1, created: 0 });
    expect(report.problems).toEqual([
      { row: 3, column: 'ice', message: 'required for a Moroccan company (15 digits)' },
      { row: 4, column: 'ice', message: 'expected 15 digits, received "12AB" (contains "A", which is not a digit)' },
      {
        row: 5,
        column: 'payment terms agreement',
        message: 'required for payment beyond 60 days (law 69-21): give the reference of the written agreement',
      },
      { row: 6, column: 'payment days', message: 'law 69-21 allows at most 120 days even when agreed, received 150' },
      { row: 7, column: 'ice', message: '000000000000011 already appears on row 2' },
      {
        row: 8,
        column: 'ice',
        message: expect.stringMatching(/^001234567000089 already belongs to party \d+ \(Société Atlas SARL\)$/),
      },
      { row: 9, column: 'customer', message: 'a party must be a customer, a supplier, or both' },
      { row: 10, column: 'kind', message: 'expected a type (company, individual), received "partner"' },
      { row: 11, column: 'email', message: 'expected an e-mail address, received "not-mail"' },
      { row: 12, column: 'customer', message: 'expected oui/non (yes/no), received "maybe"' },
      { row: 13, column: 'name', message: 'required, but empty' },
      { row: 14, column: 'country', message: 'expected an ISO country code of 2 letters such as MA, received "Maroc"' },
    ]);
    expect(await tableChecksums(database().db)).toEqual(before);
  });

  it('applies a clean file (semicolons, French headers, BOM) in one go, with one audit event', async () => {
    const app = await seeded(database());
    const accountant = await signIn(app, DEMO.accountant);
    const file =
      '\uFEFFNom;Type;ICE;Identifiant fiscal;Ville;Code postal;Téléphone;Courriel;Délai de paiement;Convention;Client;Fournisseur;Exonération TVA\r\n' +
      'Société Atlas SARL;Société;001 234 567 000 089;12345678;Tanger;90000;0539 00 00 00;contact@atlas.ma;90;Convention 2026/3;oui;non;\r\n' +
      'Hassan Tazi;particulier;;;Tétouan;;;;;;oui;;\r\n' +
      'Emballages du Nord;société;000000000000022;;Tanger;;;;30;;non;oui;Art. 92-I-6° du CGI\r\n';
    const response = await csv(accountant, 'apply', file);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ mode: 'apply', total: 3, valid: 3, created: 3, problems: [] });

    const { items } = await page(accountant, '?sort=name');
    expect(items.map((p) => [p.name, p.kind, p.ice, p.isCustomer, p.isSupplier, p.paymentDays])).toEqual([
      ['Emballages du Nord', 'company', '000000000000022', false, true, 30],
      ['Hassan Tazi', 'individual', null, true, false, 60],
      ['Société Atlas SARL', 'company', '001234567000089', true, false, 90],
    ]);
    expect(items[2]).toMatchObject({ paymentTermsAgreement: 'Convention 2026/3', city: 'Tanger', email: 'contact@atlas.ma' });
    const audit = await database().db.selectFrom('audit_log').select(['after']).where('action', '=', 'party.import').execute();
    expect(audit.map((a) => a.after)).toEqual([{ count: 3, customers: 2, suppliers: 1 }]);
    const names = await database().db.selectFrom('parties').select('name_key').orderBy('id').execute();
    expect(names.map((n) => n.name_key)).toEqual(['atlas', 'hassan tazi', 'emballages du nord']);
  });

  it('refuses to apply a file with any problem (422) and writes nothing', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const before = await tableChecksums(database().db);
    const file = 'nom;type;ice\nBon client;particulier;\nSans ICE;société;\n';
    const response = await csv(manager, 'apply', file);
    expect(response.status).toBe(422);
    expect((await problem(response)).errors).toEqual([
      { path: 'row 3, ice', location: 'body', message: 'required for a Moroccan company (15 digits)' },
    ]);
    expect(await tableChecksums(database().db)).toEqual(before);
    expect(await partyCount(database().db)).toBe(0);
  });

  it('streams progress lines, then the result, as NDJSON', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const rows = Array.from({ length: 1200 }, (_, i) => `Client ${i + 1};particulier;Tanger`);
    const file = ['nom;type;ville', ...rows].join('\n');
    const response = await csv(manager, 'apply', file, { accept: 'application/x-ndjson' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { progress?: { done: number; total: number }; result?: { created: number } });
    const progress = lines.filter((l) => l.progress).map((l) => l.progress);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toEqual({ done: 1200, total: 1200, phase: 'writing' });
    expect(lines.at(-1)).toEqual({ result: { mode: 'apply', total: 1200, valid: 1200, created: 1200, problems: [] } });
    expect(await partyCount(database().db)).toBe(1200);

    const refused = await csv(manager, 'apply', 'nom;type\nX;company\n', { accept: 'application/x-ndjson' });
    const last = JSON.parse((await refused.text()).trim().split('\n').at(-1) ?? '{}') as { problem?: { status: number } };
    expect(last.problem?.status).toBe(422);
    expect(await partyCount(database().db)).toBe(1200);
  });
});
