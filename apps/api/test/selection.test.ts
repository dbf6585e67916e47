// The selection committee over HTTP on the demo call: conflicts refused by the API, marks hidden until the president
// closes, quorum, minutes (read with pdftotext), admission into the registry with its account; who may call what;
// the public form's limits; bad input named and without effect.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, SYSTEM_ACTOR, seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type App, type Caller, DEMO, json, problem, signIn } from './support.ts';

const COMMITTEE = { president: DEMO.committee, rapporteur: 'comite2@demo.gie-ecp.ma', member: 'comite3@demo.gie-ecp.ma' };

interface Call {
  id: number;
  myRole: string | null;
  criteria: Array<{ id: number; scaleMin: number; scaleMax: number }>;
  eligibilityItems: string[];
  committee: Array<{ userId: number; role: string }>;
}
interface Summary {
  id: number;
  candidateName: string;
  status: string;
  memberId: number;
  source: string;
}

async function demoApp(db: Parameters<typeof seedDemo>[0]): Promise<App> {
  await seedDemo(db, { ledger: true });
  return createApp({ db, engine: 'pglite', version: 'test', trustProxy: true });
}

async function body<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status) throw new Error(`expected ${status}, received ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'gie-selection-api-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' })
      .replace(/[\u00A0\u202F]/g, ' ')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Marks every criterion of the call: value i of `values` for criterion i. */
const marks = (call: Call, values: number[]) => ({
  scores: call.criteria.map((c, i) => ({ criterionId: c.id, value: String(values[i] ?? c.scaleMin), comment: `Avis ${i + 1}` })),
});

async function demoCall(caller: Caller): Promise<Call> {
  const calls = await body<Call[]>(await caller.request('GET', '/api/selection/calls'));
  return calls[0] as Call;
}

describeWithDatabase('selection API', (database) => {
  it('runs the demo call: conflict refused, marks hidden until the president closes, quorum, minutes, admission', async () => {
    const app = await demoApp(database().db);
    const [president, rapporteur, member, manager] = await Promise.all([
      signIn(app, COMMITTEE.president),
      signIn(app, COMMITTEE.rapporteur),
      signIn(app, COMMITTEE.member),
      signIn(app, DEMO.manager),
    ]);
    const call = await demoCall(member);
    expect(call.myRole).toBe('member');
    expect((await demoCall(president)).myRole).toBe('president');
    // the committee sees the two applications found eligible; the staff see the third too
    const apps = await body<Summary[]>(await member.request('GET', `/api/selection/calls/${call.id}/applications`));
    expect(apps.map((a) => a.status)).toEqual(['eligible', 'eligible']);
    expect((await body<Summary[]>(await manager.request('GET', `/api/selection/calls/${call.id}/applications`))).length).toBe(3);
    const [tifawin, alFath] = apps as [Summary, Summary];

    // the member declares a conflict on Tifawin: scoring it is refused by the API, and the record shows it
    expect(
      (
        await member.request('POST', `/api/selection/applications/${tifawin.id}/conflict`, {
          reason: 'Ma sœur préside la coopérative',
        })
      ).status,
    ).toBe(201);
    const refused = await member.request(
      'PUT',
      `/api/selection/applications/${tifawin.id}/scores`,
      marks(call, [5, 10, 5, 5, 3]),
    );
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toMatch(/conflict of interest/);

    await body(await president.request('PUT', `/api/selection/applications/${tifawin.id}/scores`, marks(call, [4, 7, 4, 3, 2])));
    await body(await rapporteur.request('PUT', `/api/selection/applications/${tifawin.id}/scores`, marks(call, [5, 8, 5, 4, 3])));
    await body(await president.request('PUT', `/api/selection/applications/${alFath.id}/scores`, marks(call, [2, 3, 2, 2, 1])));
    await body(await rapporteur.request('PUT', `/api/selection/applications/${alFath.id}/scores`, marks(call, [5, 9, 4, 4, 3])));
    await body(await member.request('PUT', `/api/selection/applications/${alFath.id}/scores`, marks(call, [3, 6, 3, 3, 2])));

    // before closing: my own marks only, no results, for everyone including the manager
    const ownFile = await body<{ myMarks: unknown[]; marks: unknown; hidden: string }>(
      await rapporteur.request('GET', `/api/selection/applications/${alFath.id}`),
    );
    expect(ownFile).toMatchObject({ marks: null, hidden: 'scoring_open' });
    expect(ownFile.myMarks).toHaveLength(5);
    expect((ownFile.myMarks as Array<{ value: string }>).map((m) => m.value)).toEqual(['5', '9', '4', '4', '3']);
    expect((await manager.request('GET', `/api/selection/applications/${alFath.id}`)).status).toBe(200);
    expect(
      ((await (await manager.request('GET', `/api/selection/applications/${alFath.id}`)).json()) as { marks: unknown }).marks,
    ).toBeNull();
    expect((await rapporteur.request('GET', `/api/selection/calls/${call.id}/results`)).status).toBe(409);
    const progress = await body<Array<{ role: string; complete: number; expected: number }>>(
      await rapporteur.request('GET', `/api/selection/calls/${call.id}/progress`),
    );
    expect(progress.map((p) => [p.role, p.complete, p.expected])).toEqual([
      ['president', 2, 2],
      ['rapporteur', 2, 2],
      ['member', 1, 1],
    ]);

    // only the president closes
    expect((await rapporteur.request('POST', `/api/selection/calls/${call.id}/close-scoring`)).status).toBe(403);
    expect((await manager.request('POST', `/api/selection/calls/${call.id}/close-scoring`)).status).toBe(403);
    expect(
      (await body<{ scored: number }>(await president.request('POST', `/api/selection/calls/${call.id}/close-scoring`))).scored,
    ).toBe(2);
    expect((await president.request('PUT', `/api/selection/applications/${alFath.id}/scores`, marks(call, [5]))).status).toBe(
      409,
    );

    const results = await body<{
      rows: Array<{ applicationId: number; rank: number; mean: string; members: unknown[] | null; hidden: string | null }>;
    }>(await rapporteur.request('GET', `/api/selection/calls/${call.id}/results`));
    expect(results.rows.map((r) => [r.applicationId, r.rank, r.mean])).toEqual([
      [tifawin.id, 1, '82.08'],
      [alFath.id, 2, '60.67'],
    ]);
    expect(results.rows[0]?.members).toHaveLength(2);
    // the conflicted member still cannot see who gave what on Tifawin, even after closing
    const memberView = await body<typeof results>(await member.request('GET', `/api/selection/calls/${call.id}/results`));
    expect(memberView.rows[0]).toMatchObject({ members: null, hidden: 'conflict' });
    expect(
      ((await (await member.request('GET', `/api/selection/applications/${tifawin.id}`)).json()) as { marks: unknown }).marks,
    ).toBeNull();
    expect(
      ((await (await member.request('GET', `/api/selection/applications/${alFath.id}`)).json()) as { marks: unknown[] }).marks,
    ).toHaveLength(3);

    // deliberation: the president alone is no quorum (2 of 3); the decision is refused and nothing changes
    const session = await body<{ id: number; quorumRequired: number; quorumReached: boolean }>(
      await rapporteur.request('POST', `/api/selection/calls/${call.id}/sessions`, {
        heldOn: new Date().toISOString().slice(0, 10),
        place: 'Siège du GIE',
        attendance: [{ userId: call.committee.find((c) => c.role === 'president')?.userId, present: true }],
      }),
      201,
    );
    expect(session).toMatchObject({ quorumRequired: 2, quorumReached: false });
    const noQuorum = await president.request('POST', `/api/selection/sessions/${session.id}/decisions`, {
      applicationId: tifawin.id,
      decision: 'admitted',
      reasons: 'Premier du classement',
    });
    expect(noQuorum.status).toBe(409);
    expect((await problem(noQuorum)).errors?.[0]?.path).toBe('attendance');
    expect((await body<Summary[]>(await manager.request('GET', `/api/selection/calls/${call.id}/applications`)))[0]?.status).toBe(
      'scored',
    );

    await body(
      await rapporteur.request('PUT', `/api/selection/sessions/${session.id}/attendance`, {
        attendance: call.committee.map((c) => ({ userId: c.userId, present: true })),
      }),
    );
    await body(
      await president.request('POST', `/api/selection/sessions/${session.id}/decisions`, {
        applicationId: tifawin.id,
        decision: 'admitted',
        reasons: 'Premier du classement, débouchés hôteliers solides',
        votes: { for: 2, against: 0, abstain: 0 },
      }),
    );
    await body(
      await president.request('POST', `/api/selection/sessions/${session.id}/decisions`, {
        applicationId: alFath.id,
        decision: 'rejected',
        reasons: 'Note sous le seuil ; comptes à consolider',
      }),
    );
    expect((await manager.request('POST', `/api/selection/applications/${tifawin.id}/admit`, {})).status).toBe(409);
    const locked = await body<{ locked: boolean }>(
      await president.request('POST', `/api/selection/sessions/${session.id}/minutes`),
    );
    expect(locked.locked).toBe(true);
    const minutes = await member.request('GET', `/api/selection/sessions/${session.id}/minutes`);
    expect(minutes.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await minutes.arrayBuffer()));
    for (const expected of [
      'Procès-verbal',
      'Coopérative Tifawin des plantes aromatiques',
      'Said Ouazzani',
      'Hicham Tahiri',
      'Ma sœur préside la coopérative',
      '82,08',
      'Admise',
      'Rejetée',
      'débouchés hôteliers solides',
      "Abstention pour conflit d'intérêts : Hicham Tahiri.",
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    expect(
      (
        await president.request('POST', `/api/selection/sessions/${session.id}/decisions`, {
          applicationId: alFath.id,
          decision: 'waiting',
          reasons: 'x',
        })
      ).status,
    ).toBe(409);

    // admission: the cooperative appears in the registry, admitted, with its code and its 4464 account
    const admission = await body<{ member: { id: number; code: string; status: string }; account: string }>(
      await manager.request('POST', `/api/selection/applications/${tifawin.id}/admit`, {}),
    );
    expect(admission.member).toMatchObject({ status: 'admitted', code: 'M08' });
    expect(admission.account).toBe('4464-M08');
    const registry = await body<{ items: Array<{ legalName: string; status: string }> }>(
      await manager.request('GET', '/api/members?status=admitted'),
    );
    expect(registry.items.map((m) => m.legalName)).toContain('Coopérative Tifawin des plantes aromatiques');

    const m01 = (
      await body<{ items: Array<{ id: number; code: string }> }>(await manager.request('GET', '/api/members?search=M01'))
    ).items[0];
    const sponsorship = await body<{ id: number; sponsor: { kind: string; name: string }; meetings: unknown[] }>(
      await manager.request('POST', `/api/selection/applications/${tifawin.id}/sponsorship`, {
        sponsorMemberId: m01?.id,
        plan: 'Accompagnement à la facturation par le GIE',
        meetings: [{ meetingOn: '2026-12-01', notes: 'Premier rendez-vous' }],
      }),
    );
    expect(sponsorship.sponsor).toMatchObject({ kind: 'member', name: 'Coopérative Al Baraka des produits du terroir' });
    const followed = await body<{ meetings: Array<{ held: boolean }> }>(
      await manager.request('POST', `/api/selection/sponsorships/${sponsorship.id}/meetings`, {
        meetingOn: '2027-01-05',
        held: false,
        notes: 'Point mensuel',
      }),
      201,
    );
    expect(followed.meetings).toHaveLength(2);

    const letter = await manager.request('GET', `/api/selection/applications/${alFath.id}/letter`);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    const letterText = pdfText(new Uint8Array(await letter.arrayBuffer()));
    expect(letterText).toContain("n'a pas été retenue");
    expect(letterText).toContain('comptes à consolider');
  });

  it('keeps entrepreneurs and accountants out, and a committee user to the calls they sit on', async () => {
    const app = await demoApp(database().db);
    const call = await demoCall(await signIn(app, DEMO.manager));
    const apps = await body<Summary[]>(
      await (await signIn(app, DEMO.manager)).request('GET', `/api/selection/calls/${call.id}/applications`),
    );
    for (const email of [DEMO.entrepreneur, DEMO.accountant]) {
      const caller = await signIn(app, email);
      for (const path of [
        '/api/selection/calls',
        `/api/selection/calls/${call.id}`,
        `/api/selection/applications/${apps[0]?.id}`,
        '/api/selection/grids',
      ]) {
        expect((await caller.request('GET', path)).status).toBe(403);
      }
    }
    await createUser(database().db, SYSTEM_ACTOR, {
      email: 'autre.comite@demo.gie-ecp.ma',
      displayName: 'Autre Comité',
      role: 'committee',
      password: 'autre-comite-2026',
    });
    const outsider = await signIn(app, 'autre.comite@demo.gie-ecp.ma', 'autre-comite-2026');
    expect(await body<unknown[]>(await outsider.request('GET', '/api/selection/calls'))).toEqual([]);
    expect((await outsider.request('GET', `/api/selection/calls/${call.id}`)).status).toBe(404);
    expect((await outsider.request('GET', `/api/selection/applications/${apps[0]?.id}`)).status).toBe(404);
    expect((await outsider.request('PUT', `/api/selection/applications/${apps[0]?.id}/scores`, marks(call, [3]))).status).toBe(
      404,
    );
    expect((await outsider.request('POST', `/api/selection/applications/${apps[0]?.id}/conflict`, { reason: 'x' })).status).toBe(
      404,
    );
    // a committee user of the call does not reach an application still waiting for its eligibility check
    const member = await signIn(app, COMMITTEE.member);
    expect((await member.request('GET', `/api/selection/applications/${apps[2]?.id}`)).status).toBe(404);
    // the staff pick committee members and sponsors among active committee and manager users
    const seats = await body<Array<{ email: string; role: string }>>(
      await (await signIn(app, DEMO.manager)).request('GET', '/api/selection/committee-users'),
    );
    expect(seats.map((u) => u.email).sort()).toEqual(
      ['autre.comite@demo.gie-ecp.ma', COMMITTEE.president, COMMITTEE.rapporteur, COMMITTEE.member, DEMO.manager].sort(),
    );
    // nor the staff operations
    expect((await member.request('GET', '/api/selection/committee-users')).status).toBe(403);
    expect((await member.request('POST', '/api/selection/grids', { name: 'x', criteria: [] })).status).toBe(403);
    expect((await member.request('POST', `/api/selection/applications/${apps[0]?.id}/admit`, {})).status).toBe(403);
  });

  it('takes applications through the public form, with a honeypot, byte checks and a per-address limit', async () => {
    const db = database().db;
    const app = await demoApp(db);
    const calls = await body<Array<{ id: number; title: string; criteria: unknown[] }>>(await app.request('/api/public/calls'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.criteria).toHaveLength(5);
    const callId = calls[0]?.id as number;
    const count = async () => (await db.selectFrom('selection_applications').select('id').execute()).length;
    const before = await count();
    const members = (await db.selectFrom('members').select('id').execute()).length;
    const post = (payload: unknown, ip = '203.0.113.7') =>
      app.request(`/api/public/calls/${callId}/applications`, { method: 'POST', ...json(payload, { 'x-forwarded-for': ip }) });
    const valid = {
      candidate: {
        legalName: 'Coopérative Amal des figues de Barbarie',
        province: 'al-hoceima',
        contactName: 'Samira Idrissi',
        contactEmail: 'amal@example.ma',
        peopleCount: 12,
      },
      project: 'Transformer les figues de Barbarie et vendre par le GIE.',
      needs: ['commercialisation'],
      attachments: [
        { kind: 'statutes', filename: 'statuts.pdf', content: Buffer.from('%PDF-1.4\n% statuts\n').toString('base64') },
      ],
    };

    // the honeypot filled: refused, nothing kept
    const trapped = await post({ ...valid, website: 'http://spam.example' });
    expect(trapped.status).toBe(400);
    expect((await problem(trapped)).errors?.[0]?.path).toBe('website');
    // a "PDF" that is not one by its bytes
    const fake = await post({
      ...valid,
      attachments: [{ kind: 'accounts', filename: 'comptes.pdf', content: Buffer.from('MZ not a pdf').toString('base64') }],
    });
    expect(fake.status).toBe(400);
    expect((await problem(fake)).errors?.map((e) => e.path)).toEqual(['attachments.0.content']);
    // a candidate without an e-mail to answer
    const noEmail = await post({ ...valid, candidate: { ...valid.candidate, contactEmail: null } });
    expect((await problem(noEmail)).errors?.map((e) => e.path)).toEqual(['candidate.contactEmail']);
    expect(await count()).toBe(before);
    expect((await db.selectFrom('members').select('id').execute()).length).toBe(members);

    const receipt = await body<{ id: number; status: string }>(await post(valid), 201);
    expect(receipt.status).toBe('submitted');
    const manager = await signIn(app, DEMO.manager);
    const file = await body<{
      source: string;
      candidate: { status: string; legalName: string };
      attachments: Array<{ mediaType: string; id: number }>;
    }>(await manager.request('GET', `/api/selection/applications/${receipt.id}`));
    expect(file).toMatchObject({ source: 'public', candidate: { status: 'candidate', legalName: valid.candidate.legalName } });
    expect(file.attachments.map((a) => a.mediaType)).toEqual(['application/pdf']);
    const bytes = await manager.request(
      'GET',
      `/api/selection/applications/${receipt.id}/attachments/${file.attachments[0]?.id}`,
    );
    expect(new TextDecoder().decode(await bytes.arrayBuffer())).toContain('% statuts');

    // five tries an hour per address, refused or not: the sixth waits; another address is not affected
    await body(await post({ ...valid, candidate: { ...valid.candidate, legalName: 'Coopérative Cinq' } }), 201);
    const limited = await post({ ...valid, candidate: { ...valid.candidate, legalName: 'Coopérative Six' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3600');
    const other = await post(
      { ...valid, candidate: { ...valid.candidate, legalName: 'Coopérative Autre Adresse' } },
      '198.51.100.9',
    );
    expect(other.status).toBe(201);
    // found ineligible (fewer than 7 members): the letter names the condition not met
    const call = await demoCall(manager);
    const checked = await manager.request('POST', `/api/selection/applications/${receipt.id}/eligibility`, {
      answers: call.eligibilityItems.map((_, i) => ({ met: i !== 1, note: i === 1 ? '5 membres seulement' : null })),
    });
    expect((await body<Summary>(checked)).status).toBe('ineligible');
    const letter = pdfText(
      new Uint8Array(await (await manager.request('GET', `/api/selection/applications/${receipt.id}/letter`)).arrayBuffer()),
    );
    expect(letter).toContain('Candidature non recevable');
    expect(letter).toContain('Condition non remplie : Au moins 7 membres (5 membres seulement).');

    // a call that does not take applications is not found
    expect(
      (
        await app.request('/api/public/calls/999/applications', {
          method: 'POST',
          ...json(valid, { 'x-forwarded-for': '198.51.100.11' }),
        })
      ).status,
    ).toBe(404);
  });

  it('names the field of bad input and changes nothing; freezes the grid once scoring started', async () => {
    const db = database().db;
    const app = await demoApp(db);
    const manager = await signIn(app, DEMO.manager);
    const grids = async () =>
      body<
        Array<{
          id: number;
          name: string;
          criteria: Array<{ label: string; weight: string; scaleMin: number; scaleMax: number }>;
        }>
      >(await manager.request('GET', '/api/selection/grids'));
    const [grid] = await grids();
    const badWeights = await manager.request('POST', '/api/selection/grids', {
      name: 'Grille bancale',
      criteria: [
        { label: 'A', weight: '60', scaleMin: 0, scaleMax: 5 },
        { label: 'B', weight: '30', scaleMin: 0, scaleMax: 5 },
      ],
    });
    expect(badWeights.status).toBe(400);
    expect((await problem(badWeights)).errors).toEqual([{ path: 'criteria', message: 'the weights add up to 90, expected 100' }]);
    const badScale = await manager.request('POST', '/api/selection/grids', {
      name: 'G',
      criteria: [{ label: 'A', weight: '100', scaleMin: 5, scaleMax: 5 }],
    });
    expect((await problem(badScale)).errors?.map((e) => e.path)).toEqual(['criteria.0.scaleMax']);
    expect((await grids()).length).toBe(1);

    const badCall = await manager.request('POST', '/api/selection/calls', {
      title: 'Appel',
      opensOn: '2026-06-01',
      closesOn: '2026-05-01',
      gridId: grid?.id,
      threshold: '60',
      places: 2,
    });
    expect((await problem(badCall)).errors?.map((e) => e.path)).toEqual(['closesOn']);
    const noGrid = await manager.request('POST', '/api/selection/calls', {
      title: 'Appel',
      opensOn: '2026-06-01',
      closesOn: '2026-07-01',
      gridId: 999,
      threshold: '60',
      places: 2,
    });
    expect((await problem(noGrid)).errors).toEqual([{ path: 'gridId', message: 'grid 999 does not exist' }]);
    const shapeless = await manager.request('POST', '/api/selection/calls', {
      title: 'Appel',
      opensOn: 'demain',
      threshold: 60,
      places: 0,
    });
    expect((await problem(shapeless)).errors?.map((e) => e.path).sort()).toEqual(['closesOn', 'opensOn', 'places', 'threshold']);
    expect(await body<unknown[]>(await manager.request('GET', '/api/selection/calls'))).toHaveLength(1);
    const call = await demoCall(manager);
    const badCommittee = await manager.request('PUT', `/api/selection/calls/${call.id}/committee`, {
      members: call.committee.map((c) => ({ userId: c.userId, role: 'member' })),
    });
    expect((await problem(badCommittee)).errors?.map((e) => e.path)).toEqual(['members']);
    expect((await demoCall(manager)).committee.map((c) => c.role)).toEqual(['president', 'rapporteur', 'member']);

    const president = await signIn(app, COMMITTEE.president);
    const [application] = await body<Summary[]>(await president.request('GET', `/api/selection/calls/${call.id}/applications`));
    const offScale = await president.request(
      'PUT',
      `/api/selection/applications/${application?.id}/scores`,
      marks(call, [6, 7, 4, 3, 2]),
    );
    expect(offScale.status).toBe(400);
    expect((await problem(offScale)).errors).toEqual([
      { path: 'scores.0.value', message: 'expected a mark from 0 to 5, received "6"' },
    ]);
    expect(await db.selectFrom('selection_scores').select('id').execute()).toEqual([]);
    const badEligibility = await manager.request('POST', `/api/selection/applications/${application?.id}/eligibility`, {
      answers: [{ met: true }],
    });
    expect((await problem(badEligibility)).errors?.map((e) => e.path)).toEqual(['answers']);

    // attachments are checked by their bytes and their declared type
    const upload = (bytes: Uint8Array<ArrayBuffer>, type: string, kind = 'registration') =>
      app.request(`/api/selection/applications/${application?.id}/attachments?kind=${kind}&filename=registre.png`, {
        method: 'POST',
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': type },
        body: bytes,
      });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await problem(await upload(new TextEncoder().encode('not a pdf at all'), 'application/pdf'))).errors).toEqual([
      { path: 'file', message: 'expected a PDF, PNG or JPEG file (checked by its content)' },
    ]);
    expect((await upload(png, 'text/plain')).status).toBe(415);
    expect((await problem(await upload(png, 'image/png', 'selfie'))).errors?.map((e) => e.path)).toEqual(['kind']);
    expect(await db.selectFrom('selection_attachments').select('id').execute()).toEqual([]);
    const attached = await body<{ mediaType: string; size: number }>(await upload(png, 'image/png'), 201);
    expect(attached).toMatchObject({ mediaType: 'image/png', size: 12 });

    // the grid may change before scoring; after the first mark, the API refuses it
    const replace = {
      name: grid?.name,
      criteria: grid?.criteria.map(({ label, weight, scaleMin, scaleMax }) => ({ label, weight, scaleMin, scaleMax })),
    };
    expect((await manager.request('PUT', `/api/selection/grids/${grid?.id}`, replace)).status).toBe(200);
    await body(await president.request('PUT', `/api/selection/applications/${application?.id}/scores`, marks(call, [4])));
    const frozen = await manager.request('PUT', `/api/selection/grids/${grid?.id}`, replace);
    expect(frozen.status).toBe(409);
    expect((await body<Array<{ locked: boolean }>>(await manager.request('GET', '/api/selection/grids')))[0]?.locked).toBe(true);
  });
});
