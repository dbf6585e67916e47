// Every route of the API, tried by nobody and by every role, on its own member's data and on another's: the route
// table itself (the OpenAPI document) drives the test, and each route must have a declared rule in route-rules.ts,
// so a new route is covered the day it is added (or the test fails, naming it).
import {
  addEntrepreneur,
  createDocumentLink,
  createParty,
  createRun,
  createSalesDraft,
  issueSalesDocument,
  postRun,
  ROLES,
  SYSTEM_ACTOR,
  seedDemo,
  sendQuote,
  setMemberLogo,
} from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { ROUTE_RULES, type RouteRule } from './route-rules.ts';
import { type Access, callerOf, operations } from './route-table.ts';
import { appFor, type Caller, DEMO, seeded, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
/** An id that names nothing: access is decided before the resource is looked up. */
const NOBODY = '999999';
/** The smallest PNG a logo check accepts: the signature and an IHDR chunk of 1×1. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

function admits(access: Access, role: string): boolean {
  return access === 'public' || access === 'signed-in' || access.includes(role);
}

describeWithDatabase('access to every route', (database) => {
  it('asks anyone but for public routes to sign in first', async () => {
    const app = await seeded(database());
    const ops = await operations(app);
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops.filter((o) => o.access !== 'public')) {
      const response = await app.request(op.path.replace(/\{[^}]+\}/g, '1'), {
        method: op.method,
        headers: { 'content-type': 'application/json' },
        body: op.method === 'GET' ? undefined : '{}',
      });
      expect(response.status, op.key).toBe(401);
    }
  });

  it('has a declared rule for every route, and no rule for a route that is gone', async () => {
    const app = await seeded(database());
    const ops = await operations(app);
    const keys = new Set(ops.map((o) => o.key));
    expect(
      ops.filter((o) => !(o.key in ROUTE_RULES)).map((o) => o.key),
      'routes without a rule in apps/api/test/route-rules.ts',
    ).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((k) => !keys.has(k))).toEqual([]);
    // a rule agrees with the route's access: `closed` means the access leaves entrepreneurs out, and the reverse
    const disagreeing = ops.filter((o) => (ROUTE_RULES[o.key] === 'closed') === admits(o.access, 'entrepreneur'));
    expect(disagreeing.map((o) => `${o.key} ${JSON.stringify(o.access)}`)).toEqual([]);
  });

  it('allows and denies every route × role × own/other member as declared', { timeout: 180_000 }, async () => {
    const { db } = database();
    await seedDemo(db, { ledger: true });
    const app = appFor(database());
    const world = await twoMembers(db);
    const ops = await operations(app);
    const staff = new Map<string, Caller>();
    for (const role of ROLES.filter((r) => r !== 'entrepreneur')) staff.set(role, await callerOf(app, db, role));
    // two entrepreneurs, each of their own member: each one's "own" is the other's "other"
    const entrepreneurs = [
      { caller: await signIn(app, DEMO.entrepreneur), own: world.M01, other: world.M02 },
      { caller: await signIn(app, world.M02.email, world.M02.password), own: world.M02, other: world.M01 },
    ];
    let checked = 0;
    const failures: string[] = [];
    const expectStatus = (what: string, status: number, ok: (s: number) => boolean, wanted: string, detail = '') => {
      checked++;
      if (!ok(status)) failures.push(`${what}: ${status}, expected ${wanted} ${detail}`.trim());
    };

    for (const op of ops) {
      const rule = ROUTE_RULES[op.key] as RouteRule;
      for (const role of ROLES) {
        const identities =
          role === 'entrepreneur' ? entrepreneurs : [{ caller: staff.get(role) as Caller, own: world.M01, other: world.M02 }];
        for (const { caller: signedIn, own, other } of identities) {
          // signing out ends the session: that route gets a session of its own
          const caller =
            op.key === 'POST /api/auth/logout'
              ? await signIn(
                  app,
                  await emailOf(signedIn),
                  role === 'entrepreneur' && own === world.M02 ? world.M02.password : undefined,
                )
              : signedIn;
          const targets =
            typeof rule === 'object'
              ? [
                  { side: 'own', of: own },
                  { side: 'other', of: other },
                ]
              : [{ side: 'any', of: null }];
          for (const { side, of } of targets) {
            const url = of && typeof rule === 'object' ? urlFor(op.path, rule, of) : op.path.replace(/\{[^}]+\}/g, NOBODY);
            const body =
              typeof rule === 'object' && rule.body && of
                ? rule.body({ memberId: of.memberId, customerId: world.customerId })
                : bodyFor(op.method);
            const response = await caller.request(op.method, url, body);
            const what = `${role}${role === 'entrepreneur' ? ` of ${own.code}` : ''} ${op.method} ${url} (${side})`;
            const detail = (await response.clone().text()).slice(0, 160);
            if (!admits(op.access, role)) expectStatus(what, response.status, (s) => s === 403, '403', detail);
            else if (role === 'entrepreneur' && side === 'other')
              expectStatus(what, response.status, (s) => s === 404, '404', detail);
            else if (side === 'any') expectStatus(what, response.status, (s) => s !== 401 && s !== 403, 'allowed', detail);
            else if (op.method === 'GET') expectStatus(what, response.status, (s) => s === 200, '200', detail);
            else expectStatus(what, response.status, (s) => ![401, 403, 404].includes(s), 'allowed and found', detail);
          }
          if (rule === 'own-list' && admits(op.access, role)) {
            const text = await (await caller.request('GET', op.path)).text();
            const marker = (m: Member) =>
              text.includes(`"memberId":${m.memberId},`) || text.includes(`"id":${m.memberId},"code"`);
            if (role === 'entrepreneur')
              expectStatus(
                `${role} of ${own.code} GET ${op.path} lists ${other.code}`,
                marker(other) ? 1 : 0,
                (s) => s === 0,
                'not listed',
              );
            else expectStatus(`${role} GET ${op.path} lists M02`, marker(world.M02) ? 1 : 0, (s) => s === 1, 'listed');
          }
        }
      }
    }
    console.log(`access matrix: ${ops.length} routes × ${ROLES.length} roles (two entrepreneurs) × own/other: ${checked} checks`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(ops.length * ROLES.length);
  });
});

interface Member {
  code: string;
  memberId: number;
  documentId: number;
  quoteId: number;
  issuedId: number;
  linkId: number;
  chargeNoteId: number;
  email: string;
  password: string;
}

function urlFor(path: string, rule: Extract<RouteRule, object>, member: Member): string {
  const id = {
    member: member.memberId,
    document: member.documentId,
    quote: member.quoteId,
    chargeNote: member.chargeNoteId,
    link: member.issuedId,
  }[rule.owner];
  const url = path.replace('{id}', String(id)).replace('{linkId}', String(member.linkId));
  return rule.query ? `${url}?${rule.query}` : url;
}

function bodyFor(method: string): unknown {
  return method === 'GET' || method === 'DELETE' ? undefined : {};
}

async function emailOf(caller: Caller): Promise<string> {
  const me = (await (await caller.request('GET', '/api/auth/me')).json()) as { user: { email: string } };
  return me.user.email;
}

/** M01 and M02, each with an entrepreneur who signs in, a draft, an issued invoice with a link, a charge note. */
async function twoMembers(db: Parameters<typeof seeded>[0]['db']) {
  const members = await db.selectFrom('members').select(['id', 'code']).where('code', 'in', ['M01', 'M02']).execute();
  const idOf = (code: string) => members.find((m) => m.code === code)?.id as number;
  const password = 'un-autre-mot-de-passe-2026';
  await addEntrepreneur(db, SYSTEM_ACTOR, idOf('M02'), {
    firstName: 'Omar',
    lastName: 'Tazi',
    email: 'omar@m02.example.ma',
    password,
  });
  const { party } = await createParty(db, SYSTEM_ACTOR, {
    kind: 'company',
    name: 'Hôtel Dar Tétouan SARL',
    ice: '001525856000067',
  });
  const run = await createRun(db, SYSTEM_ACTOR, { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` });
  await postRun(db, SYSTEM_ACTOR, run.id);
  const notes = await db.selectFrom('pooling_charge_notes').select(['id', 'member_id']).execute();
  const lines = [{ description: 'Atelier', quantity: '1', unitPrice: '100.00', vat: '20' }];
  const build = async (code: string, email: string, pass: string): Promise<Member> => {
    const memberId = idOf(code);
    const draft = await createSalesDraft(db, SYSTEM_ACTOR, { kind: 'invoice', memberId, customerId: party.id, lines });
    const toIssue = await createSalesDraft(db, SYSTEM_ACTOR, { kind: 'invoice', memberId, customerId: party.id, lines });
    const issued = await issueSalesDocument(db, SYSTEM_ACTOR, toIssue.id, { issueDate: `${YEAR}-03-20` });
    const link = await createDocumentLink(db, SYSTEM_ACTOR, issued.id, {});
    const quote = await createSalesDraft(db, SYSTEM_ACTOR, { kind: 'quote', memberId, customerId: party.id, lines });
    await sendQuote(db, SYSTEM_ACTOR, quote.id, `${YEAR}-03-20`);
    await setMemberLogo(db, SYSTEM_ACTOR, memberId, PNG);
    const note = notes.find((n) => n.member_id === memberId);
    if (!note) throw new Error(`no charge note for ${code}`);
    return {
      code,
      memberId,
      documentId: draft.id,
      quoteId: quote.id,
      issuedId: issued.id,
      linkId: link.link.id,
      chargeNoteId: note.id,
      email,
      password: pass,
    };
  };
  return {
    customerId: party.id,
    M01: await build('M01', DEMO.entrepreneur, ''),
    M02: await build('M02', 'omar@m02.example.ma', password),
  };
}
