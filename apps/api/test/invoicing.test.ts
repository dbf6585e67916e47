import { seedDemo } from '@gie-ecp/core';
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type App, DEMO, problem, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  {
    description: 'Paniers produits du terroir',
    quantity: '35',
    unitPrice: '180.00',
    discountPercent: '5',
    vat: '10',
    revenue: 'goods',
  },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

async function withBooks(database: Parameters<typeof seedDemo>[0]): Promise<App> {
  await seedDemo(database, { ledger: true });
  return createApp({ db: database, engine: 'pglite', version: 'test' });
}

describeWithDatabase('invoicing API', (database) => {
  it('runs DOMAIN 5.1 and 5.2 through the API: draft by the entrepreneur, issue by the manager, two payments', async () => {
    const app = await withBooks(database().db);
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    const customer = (await (
      await entrepreneur.request('POST', '/api/parties', {
        kind: 'company',
        name: 'Hôtel Dar Tétouan SARL',
        ice: '001525856000067',
        city: 'Tétouan',
      })
    ).json()) as { party: { id: number } };
    const member = (await (await entrepreneur.request('GET', '/api/members')).json()) as { items: Array<{ id: number }> };
    const memberId = member.items[0]?.id ?? 0;
    const draftResponse = await entrepreneur.request('POST', '/api/invoicing/documents', {
      kind: 'invoice',
      memberId,
      customerId: customer.party.id,
      lines: LINES,
    });
    expect(draftResponse.status).toBe(201);
    const draft = (await draftResponse.json()) as { id: number; totals: { ttc: string } };
    expect(draft.totals.ttc).toBe('10082.08');
    // the entrepreneur previews the draft's PDF: marked as a preview, never cached, no number yet
    const preview = await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/pdf`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    expect(preview.headers.get('cache-control')).toContain('no-store');
    expect(preview.headers.get('content-disposition')).toBe(`inline; filename="apercu-${draft.id}.pdf"`);
    expect((await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/ubl`)).status).toBe(409);
    // the GIE validates: the entrepreneur cannot issue but submits, the manager finds it in the queue and issues
    expect((await entrepreneur.request('POST', `/api/invoicing/documents/${draft.id}/issue`, {})).status).toBe(403);
    expect(
      ((await (await entrepreneur.request('POST', `/api/invoicing/documents/${draft.id}/submit`)).json()) as { status: string })
        .status,
    ).toBe('submitted');
    const manager = await signIn(app, DEMO.manager);
    const queue = (await (await manager.request('GET', '/api/invoicing/documents?status=submitted')).json()) as {
      items: Array<{ id: number }>;
    };
    expect(queue.items.map((d) => d.id)).toEqual([draft.id]);
    const issued = (await (
      await manager.request(
        'POST',
        `/api/invoicing/documents/${draft.id}/issue`,
        { issueDate: `${YEAR}-03-20` },
        { 'idempotency-key': 'issue-1' },
      )
    ).json()) as {
      number: string;
      contribution: string;
      memberShare: string;
    };
    expect(issued).toMatchObject({ number: `FA-${YEAR}-00001`, contribution: '713.79', memberShare: '8208.56' });
    const again = (await (
      await manager.request(
        'POST',
        `/api/invoicing/documents/${draft.id}/issue`,
        { issueDate: `${YEAR}-03-20` },
        { 'idempotency-key': 'issue-1' },
      )
    ).json()) as { number: string };
    expect(again.number).toBe(issued.number);

    const ubl = await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/ubl`);
    expect(ubl.headers.get('content-type')).toContain('application/xml');
    const xml = await ubl.text();
    expect(xml).toContain(`<cbc:ID>FA-${YEAR}-00001</cbc:ID>`);
    expect(xml).toContain('10082.08');

    const pdf = await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    // regenerated from the frozen document: the same bytes every time
    const again2 = new Uint8Array(
      await (await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/pdf`)).arrayBuffer(),
    );
    expect(again2).toEqual(bytes);
    expect((await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}/pdf?arabic=maybe`)).status).toBe(400);

    const accountant = await signIn(app, DEMO.accountant);
    const pay = (amount: string) =>
      accountant.request('POST', '/api/invoicing/payments', {
        customerId: customer.party.id,
        receivedOn: `${YEAR}-04-10`,
        method: 'transfer',
        amount,
        allocations: [{ documentId: draft.id, amount }],
      });
    const first = (await (await pay('6000.00')).json()) as { allocations: Array<{ vat: Array<{ amount: string }> }> };
    expect(first.allocations[0]?.vat.map((v) => v.amount)).toEqual(['297.56', '36.44', '356.18']);
    const tooMuch = await pay('4082.09');
    expect(tooMuch.status).toBe(409);
    expect((await problem(tooMuch)).errors?.[0]?.path).toBe('allocations.0.amount');
    const second = (await (await pay('4082.08')).json()) as { allocations: Array<{ vat: Array<{ amount: string }> }> };
    expect(second.allocations[0]?.vat.map((v) => v.amount)).toEqual(['202.44', '24.79', '242.32']);

    // paid on time: no fine; as of a later date with nothing left to pay, none either
    const fines = (await (
      await manager.request('GET', `/api/invoicing/documents/${draft.id}/late-fines?asOf=${YEAR}-12-31`)
    ).json()) as { total: string };
    expect(fines.total).toBe('0.00');
    const position = (await (await entrepreneur.request('GET', `/api/invoicing/members/${memberId}/position`)).json()) as {
      availableForPayout: string;
    };
    expect(position.availableForPayout).toBe('8208.56');
    expect(
      (await entrepreneur.request('POST', '/api/invoicing/payouts', { memberId, paidOn: `${YEAR}-04-20`, amount: '100.00' }))
        .status,
    ).toBe(403);
    const tooMuchOut = await manager.request('POST', '/api/invoicing/payouts', {
      memberId,
      paidOn: `${YEAR}-04-20`,
      amount: '8208.57',
    });
    expect((await problem(tooMuchOut)).errors?.[0]?.path).toBe('amount');
    expect(
      (await manager.request('POST', '/api/invoicing/payouts', { memberId, paidOn: `${YEAR}-04-20`, amount: '8208.56' })).status,
    ).toBe(201);

    const csv = await entrepreneur.request(
      'GET',
      `/api/invoicing/members/${memberId}/statement?from=${YEAR}-01-01&to=${YEAR}-12-31&format=csv`,
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain(`FA-${YEAR}-00001`);
    const statementPdf = await entrepreneur.request(
      'GET',
      `/api/invoicing/members/${memberId}/statement?from=${YEAR}-01-01&to=${YEAR}-12-31&format=pdf`,
    );
    expect(statementPdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      (await entrepreneur.request('GET', `/api/invoicing/members/${memberId + 1}/statement?from=${YEAR}-01-01&to=${YEAR}-12-31`))
        .status,
    ).toBe(404);

    // the member's account shows its share, less what was paid out
    expect(await (await entrepreneur.request('GET', `/api/members/${memberId}/account`)).json()).toEqual({
      code: '4464-M01',
      owedToMember: '8208.56',
    });
  });

  it("keeps another member's entrepreneur out, and names wrong line fields", async () => {
    const app = await withBooks(database().db);
    const manager = await signIn(app, DEMO.manager);
    const customer = (await (
      await manager.request('POST', '/api/parties', { kind: 'individual', name: 'Mme Nadia Tazi' })
    ).json()) as { party: { id: number } };
    const draft = (await (
      await manager.request('POST', '/api/invoicing/documents', {
        kind: 'invoice',
        memberId: 2,
        customerId: customer.party.id,
        lines: LINES,
      })
    ).json()) as {
      id: number;
    };
    const entrepreneur = await signIn(app, DEMO.entrepreneur);
    expect((await entrepreneur.request('GET', `/api/invoicing/documents/${draft.id}`)).status).toBe(404);
    const list = (await (await entrepreneur.request('GET', '/api/invoicing/documents')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const bad = await manager.request('POST', '/api/invoicing/documents', {
      kind: 'invoice',
      memberId: 1,
      customerId: customer.party.id,
      lines: [{ description: 'x', quantity: '1.0001', unitPrice: '12,50', vat: '19' }],
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual([
      'lines.0.quantity',
      'lines.0.unitPrice',
      'lines.0.vat',
    ]);
  });
});
