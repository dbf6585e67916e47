import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { createParty, mergeParties, resolvePartyId } from '../../src/parties/index.ts';
import { SYSTEM_ACTOR } from '../../src/users/actor.ts';

const person = (name: string) => ({ kind: 'individual' as const, name });

describeWithDatabase('parties in the database', (database) => {
  it('resolves a party id through merges, and refuses an unknown one', async () => {
    const { db } = database();
    const [a, b, c] = await Promise.all(['Alpha', 'Beta', 'Gamma'].map((n) => createParty(db, SYSTEM_ACTOR, person(n))));
    if (!a || !b || !c) throw new Error('three parties expected');
    await mergeParties(db, SYSTEM_ACTOR, a.party.id, { into: b.party.id, reason: 'doublon' });
    expect(await resolvePartyId(db, a.party.id)).toBe(b.party.id);
    await mergeParties(db, SYSTEM_ACTOR, b.party.id, { into: c.party.id, reason: 'doublon' });
    expect(await resolvePartyId(db, a.party.id)).toBe(c.party.id);
    expect(await resolvePartyId(db, c.party.id)).toBe(c.party.id);
    await expect(resolvePartyId(db, 4242)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('follows a chain written before re-pointing existed', async () => {
    const { db } = database();
    const ids: number[] = [];
    for (const name of ['Un', 'Deux', 'Trois']) ids.push((await createParty(db, SYSTEM_ACTOR, person(name))).party.id);
    const [one, two, three] = ids as [number, number, number];
    await db.updateTable('parties').set({ merged_into_id: two }).where('id', '=', one).execute();
    await db.updateTable('parties').set({ merged_into_id: three }).where('id', '=', two).execute();
    expect(await resolvePartyId(db, one)).toBe(three);
  });

  it('lets only one of two simultaneous creations take an ICE (PostgreSQL)', async () => {
    if (database().engine !== 'postgres') return;
    const { db } = database();
    const company = (name: string) => ({ kind: 'company' as const, name, ice: '001234567000089' });
    for (let attempt = 0; attempt < 5; attempt++) {
      await database().reset();
      const results = await Promise.allSettled([
        createParty(db, SYSTEM_ACTOR, company('Atlas A')),
        createParty(db, SYSTEM_ACTOR, company('Atlas B')),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected')?.reason as unknown;
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ kind: 'conflict', errors: [{ path: 'ice' }] });
      const rows = await db.selectFrom('parties').select('id').execute();
      expect(rows).toHaveLength(1);
    }
  });

  it('lets only one of two opposite merges happen (PostgreSQL)', async () => {
    if (database().engine !== 'postgres') return;
    const { db } = database();
    const a = (await createParty(db, SYSTEM_ACTOR, person('Alpha'))).party.id;
    const b = (await createParty(db, SYSTEM_ACTOR, person('Alfa'))).party.id;
    const results = await Promise.allSettled([
      mergeParties(db, SYSTEM_ACTOR, a, { into: b, reason: 'doublon' }),
      mergeParties(db, SYSTEM_ACTOR, b, { into: a, reason: 'doublon' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await db.selectFrom('parties').select(['id', 'merged_into_id']).orderBy('id').execute();
    expect(rows.filter((r) => r.merged_into_id === null)).toHaveLength(1);
  });
});
