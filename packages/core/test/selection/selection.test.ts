// The selection process through the core and the database: the worked example scored by three members, the
// database's guards (frozen grid, scales, conflicts, locked sessions, quorum), the minutes read back with pdftotext,
// and admission through the members lifecycle with its 4464 account.
import { expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { admitApplication, assignSponsor } from '../../src/selection/admission.ts';
import { updateCall } from '../../src/selection/calls.ts';
import { candidateLetter, issueMinutes, openSession, recordDecision, setAttendance } from '../../src/selection/deliberation.ts';
import { getApplication } from '../../src/selection/dossier.ts';
import { createGrid, updateGrid } from '../../src/selection/grids.ts';
import { callResults, closeScoring, declareConflict, scoreApplication } from '../../src/selection/scores.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { GRID, marks, pdfText, scoreExample, setUp } from './support.ts';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describeWithDatabase('selection committee', (database) => {
  it('scores the worked example through the database and ranks it as the pure arithmetic does', async () => {
    const db = database().db;
    const s = await setUp(db);
    await scoreExample(db, s);
    // before closing, nobody sees the others' marks, and results are refused
    expect((await getApplication(db, s.b, s.ids.Y)).marks).toBeNull();
    expect((await getApplication(db, s.b, s.ids.Y)).hidden).toBe('scoring_open');
    expect((await getApplication(db, s.manager, s.ids.Y)).hidden).toBe('scoring_open');
    expect((await refusal(callResults(db, s.a, s.callId))).kind).toBe('conflict');
    // only the president closes
    expect((await refusal(closeScoring(db, s.b, s.callId))).kind).toBe('forbidden');
    expect((await refusal(closeScoring(db, s.manager, s.callId))).kind).toBe('forbidden');
    expect(await closeScoring(db, s.a, s.callId)).toMatchObject({ scored: 3 });

    const results = await callResults(db, s.b, s.callId);
    expect(results.rows.map((r) => [r.applicationId, r.rank, r.mean, r.suggestion, r.tied])).toEqual([
      [s.ids.Z, 1, '82.08', 'admitted', true],
      [s.ids.X, 2, '82.08', 'waiting', true],
      [s.ids.Y, 3, '60.67', 'rejected', false],
    ]);
    expect(results.rows[1]?.members?.map((m) => m.score)).toEqual(['72.17', '92.00']);
    expect(results.rows[1]?.abstentions).toEqual([s.c.userId]);
    expect(results.rows[0]?.missing).toEqual([s.b.userId]);
    expect(results.rows[2]?.disagreement).toBe(true);
    // the conflicted member sees the ranking but not who gave what on X
    const cView = await callResults(db, s.c, s.callId);
    const xForC = cView.rows.find((r) => r.applicationId === s.ids.X);
    expect(xForC).toMatchObject({ mean: '82.08', members: null, criteria: [], hidden: 'conflict' });
    expect((await getApplication(db, s.c, s.ids.X)).marks).toBeNull();
    expect((await getApplication(db, s.c, s.ids.Y)).marks?.map((m) => m.userId)).toEqual([s.a.userId, s.b.userId, s.c.userId]);
    // marks are final
    expect((await refusal(scoreApplication(db, s.a, s.ids.Y, marks(s.criteria, [5])))).kind).toBe('conflict');
  });

  it('refuses a conflicted member, marks off the scale, and changes to a grid once scoring started, in the core and the database', async () => {
    const db = database().db;
    const s = await setUp(db);
    await declareConflict(db, s.c, s.ids.X, 'Parent du président de la coopérative');
    const refused = await refusal(scoreApplication(db, s.c, s.ids.X, marks(s.criteria, [3])));
    expect(refused.kind).toBe('forbidden');
    const offScale = await refusal(scoreApplication(db, s.a, s.ids.X, [{ criterionId: s.criteria[2] as number, value: '0' }]));
    expect(offScale.errors).toEqual([{ path: 'scores.0.value', message: 'expected a mark from 1 to 5, received "0"' }]);
    expect(await db.selectFrom('selection_scores').select('id').execute()).toEqual([]);

    // the grid may still change before any mark...
    await updateGrid(db, s.manager, s.gridId, { ...GRID, name: 'Grille revue' });
    await scoreApplication(db, s.a, s.ids.X, marks(s.criteria, [4]));
    // ...and no longer after the first one: the template, the call's copy, the call's choice of grid
    expect((await refusal(updateGrid(db, s.manager, s.gridId, GRID))).kind).toBe('conflict');
    const other = await createGrid(db, s.manager, { ...GRID, name: 'Autre grille' });
    const call = await db.selectFrom('selection_calls').selectAll().where('id', '=', s.callId).executeTakeFirstOrThrow();
    const changeGrid = await refusal(
      updateCall(db, s.manager, s.callId, {
        title: call.title,
        opensOn: call.opens_on,
        closesOn: call.closes_on,
        threshold: call.threshold,
        places: call.places,
        gridId: other.id,
      }),
    );
    expect(changeGrid.errors[0]?.path).toBe('gridId');
    // the database refuses what a code path might try behind the core's back
    await expect(
      db.updateTable('selection_call_criteria').set({ weight: '31' }).where('call_id', '=', s.callId).execute(),
    ).rejects.toThrow(/cannot change once scoring has started/);
    await expect(
      db.updateTable('selection_grid_criteria').set({ label: 'x' }).where('grid_id', '=', s.gridId).execute(),
    ).rejects.toThrow(/cannot change once scoring has started/);
    await expect(
      db
        .insertInto('selection_scores')
        .values({ application_id: s.ids.X, user_id: s.c.userId, criterion_id: s.criteria[0] as number, value: '3' })
        .execute(),
    ).rejects.toThrow(/conflict of interest/);
    await expect(
      db
        .insertInto('selection_scores')
        .values({ application_id: s.ids.Y, user_id: s.a.userId, criterion_id: s.criteria[0] as number, value: '6' })
        .execute(),
    ).rejects.toThrow(/outside the scale/);
    await expect(db.deleteFrom('selection_conflicts').execute()).rejects.toThrow(/append-only/);
  });

  it('deliberates with quorum, issues minutes that pdftotext reads, locks the session, admits with a ledger account', async () => {
    const db = database().db;
    const s = await setUp(db);
    await scoreExample(db, s);
    await closeScoring(db, s.a, s.callId);
    // quorum of 3 members: 2; with the president alone, decisions are refused and nothing changes
    const session = await openSession(db, s.b, s.callId, {
      heldOn: '2026-03-10',
      place: 'Siège du GIE, Tétouan',
      attendance: [{ userId: s.a.userId, present: true }],
    });
    expect(session).toMatchObject({ quorumRequired: 2, present: 1, quorumReached: false });
    const noQuorum = await refusal(
      recordDecision(db, s.a, session.id, { applicationId: s.ids.Z, decision: 'admitted', reasons: 'Meilleur dossier' }),
    );
    expect(noQuorum.kind).toBe('conflict');
    expect(noQuorum.message).toBe('no quorum: 1 present, 2 required');
    expect(await db.selectFrom('selection_decisions').select('id').execute()).toEqual([]);
    await expect(
      db
        .insertInto('selection_decisions')
        .values({ session_id: session.id, application_id: s.ids.Z, decision: 'admitted', reasons: 'x' })
        .execute(),
    ).rejects.toThrow(/no quorum/);
    // a member only (not president nor rapporteur) does not record deliberations
    expect(
      (await refusal(recordDecision(db, s.c, session.id, { applicationId: s.ids.Z, decision: 'admitted', reasons: 'x' }))).kind,
    ).toBe('forbidden');

    await setAttendance(db, s.b, session.id, [
      { userId: s.a.userId, present: true },
      { userId: s.b.userId, present: true },
      { userId: s.c.userId, present: true },
    ]);
    // C abstains on X: a vote counts at most the 2 members present without a conflict
    const tooMany = await refusal(
      recordDecision(db, s.a, session.id, {
        applicationId: s.ids.X,
        decision: 'waiting',
        reasons: 'Bon dossier, au-delà des places',
        votes: { for: 3, against: 0, abstain: 0 },
      }),
    );
    expect(tooMany.errors[0]?.path).toBe('votes');
    await recordDecision(db, s.a, session.id, {
      applicationId: s.ids.X,
      decision: 'waiting',
      reasons: 'Bon dossier, au-delà des places',
      votes: { for: 2, against: 0, abstain: 0 },
    });
    await recordDecision(db, s.a, session.id, {
      applicationId: s.ids.Z,
      decision: 'admitted',
      reasons: 'Premier au classement, projet d’huile d’olive structuré',
    });
    const decided = await recordDecision(db, s.a, session.id, {
      applicationId: s.ids.Y,
      decision: 'rejected',
      reasons: 'Note sous le seuil ; viabilité à démontrer',
    });
    expect(decided.decisions.find((d) => d.applicationId === s.ids.X)?.abstentions.map((a) => a.userId)).toEqual([s.c.userId]);
    // admission waits for the minutes
    expect((await refusal(admitApplication(db, s.manager, s.ids.Z))).message).toMatch(/not issued/);

    const issued = await issueMinutes(db, s.b, session.id);
    expect(issued.locked).toBe(true);
    const stored = await db
      .selectFrom('selection_sessions')
      .select(['minutes_pdf'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    const text = pdfText(stored.minutes_pdf as Uint8Array);
    for (const expected of [
      'Procès-verbal de délibération',
      'Appel 2026 des coopératives du Rif',
      'Séance du 10/03/2026, Siège du GIE, Tétouan',
      'Membre Alami',
      'Président(e)',
      'Présents : 3 sur 3. Quorum requis : 2. Le quorum est atteint.',
      "Conflits d'intérêts déclarés",
      'Je suis membre de la coopérative Xaouen',
      '82,08',
      '60,67',
      'égalité départagée',
      'dans les places',
      'écarts forts entre membres',
      "Liste d'attente",
      'Admise',
      'Rejetée',
      'Premier au classement',
      'Vote : 2 pour, 0 contre, 0 abstention(s).',
      "Abstention pour conflit d'intérêts : Membre Chraibi.",
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    // locked: the core and the database refuse any change to the session
    expect(
      (await refusal(recordDecision(db, s.a, session.id, { applicationId: s.ids.Y, decision: 'waiting', reasons: 'x' }))).kind,
    ).toBe('conflict');
    await expect(
      db.updateTable('selection_sessions').set({ place: 'ailleurs' }).where('id', '=', session.id).execute(),
    ).rejects.toThrow(/locked/);
    await expect(db.updateTable('selection_decisions').set({ reasons: 'autre' }).execute()).rejects.toThrow(/locked/);
    await expect(db.updateTable('selection_attendance').set({ present: false }).execute()).rejects.toThrow(/locked/);

    // admission: the candidate becomes an admitted member with its code and its 4464 account
    const before = await db
      .selectFrom('members')
      .select(['id', 'status'])
      .where('legal_name', '=', 'Coopérative Zitoun de l’huile')
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('candidate');
    const admission = await admitApplication(db, s.manager, s.ids.Z);
    expect(admission.member).toMatchObject({ id: before.id, status: 'admitted', code: 'M08' });
    expect(admission.account).toBe('4464-M08');
    const account = await db
      .selectFrom('accounts')
      .select(['code', 'member_id'])
      .where('code', '=', '4464-M08')
      .executeTakeFirstOrThrow();
    expect(account.member_id).toBe(before.id);
    const history = await db
      .selectFrom('member_status_history')
      .select(['to_status', 'reason'])
      .where('member_id', '=', before.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.to_status)).toEqual(['candidate', 'admitted']);
    expect(history[1]?.reason).toContain(`candidature n° ${s.ids.Z}`);
    expect((await refusal(admitApplication(db, s.manager, s.ids.X))).kind).toBe('conflict');

    const sponsorship = await assignSponsor(db, s.manager, s.ids.Z, {
      sponsorUserId: s.b.userId,
      plan: 'Un rendez-vous par mois pendant six mois',
      meetings: [{ meetingOn: '2026-04-10', notes: 'Premier rendez-vous' }],
    });
    expect(sponsorship.sponsor).toMatchObject({ kind: 'user', id: s.b.userId });
    expect(sponsorship.meetings).toHaveLength(1);

    const letter = pdfText((await candidateLetter(db, s.manager, s.ids.X)).bytes);
    expect(letter).toContain("Inscription sur liste d'attente");
    expect(letter).toContain('Bon dossier, au-delà des places');
    expect(letter).toContain('82,08 / 100 (rang 2)');

    // a place frees up: a later session takes up the waiting list; other decisions stay final
    const second = await openSession(db, s.a, s.callId, {
      heldOn: '2026-04-02',
      attendance: [
        { userId: s.a.userId, present: true },
        { userId: s.b.userId, present: true },
      ],
    });
    const final = await refusal(
      recordDecision(db, s.a, second.id, { applicationId: s.ids.Y, decision: 'admitted', reasons: 'x' }),
    );
    expect(final.errors[0]?.path).toBe('applicationId');
    await recordDecision(db, s.a, second.id, {
      applicationId: s.ids.X,
      decision: 'admitted',
      reasons: 'Désistement d’une coopérative : premier de la liste d’attente',
    });
    await issueMinutes(db, s.a, second.id);
    expect((await admitApplication(db, s.manager, s.ids.X)).member.code).toBe('M09');
    expect((await getApplication(db, s.manager, s.ids.X)).decision).toMatchObject({ decision: 'admitted', sessionId: second.id });

    // every step is in the audit log
    const actions = (await db.selectFrom('audit_log').select('action').where('action', 'like', 'selection.%').execute()).map(
      (a) => a.action,
    );
    for (const action of [
      'selection.grid.create',
      'selection.call.create',
      'selection.committee.set',
      'selection.application.create',
      'selection.application.eligible',
      'selection.conflict.declare',
      'selection.score',
      'selection.scoring.close',
      'selection.session.open',
      'selection.decision',
      'selection.minutes.issue',
      'selection.admit',
      'selection.sponsor.assign',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
