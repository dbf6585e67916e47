// The GIE's own identity and settings, its logo, and the reference lists (provinces, sectors) every form uses.
import {
  actorOf,
  getGieLogo,
  getGieSettings,
  LEGAL_FORMS,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  setGieLogo,
  updateGieSettings,
} from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';
import { defineRoute, requireSession } from '../http/access.ts';
import { imageBody, imageResponse, imageResponses, readImage } from '../http/images.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas.ts';

const STAFF = ['admin', 'manager'] as const;
const tags = ['gie'];

const GieSettingsSchema = z
  .object({
    name: z.string(),
    legalForm: z.string(),
    ice: z.string().nullable(),
    ifNumber: z.string().nullable(),
    rcNumber: z.string().nullable(),
    rcCourt: z.string().nullable(),
    tpNumber: z.string().nullable(),
    cnssNumber: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    bankName: z.string().nullable(),
    rib: z.string().nullable(),
    defaultContributionRate: z.string(),
    defaultPaymentDays: z.number().int(),
    invoiceNumberTemplate: z.string(),
    creditNoteNumberTemplate: z.string(),
    quoteNumberTemplate: z.string(),
    entrepreneursMayIssue: z.boolean(),
    invoiceFooter: z.string().nullable(),
    hasLogo: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('GieSettings');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const GieSettingsChangesSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    legalForm: z.string().trim().min(1).max(60).optional(),
    ice: optionalText(20),
    ifNumber: optionalText(12),
    rcNumber: optionalText(30),
    rcCourt: optionalText(60),
    tpNumber: optionalText(12),
    cnssNumber: optionalText(12),
    address: optionalText(300),
    city: optionalText(100),
    phone: optionalText(40),
    email: optionalText(254),
    website: optionalText(200),
    bankName: optionalText(100),
    rib: optionalText(30),
    defaultContributionRate: z.string().max(6).optional(),
    defaultPaymentDays: z.number().int().optional(),
    invoiceNumberTemplate: z.string().max(60).optional(),
    creditNoteNumberTemplate: z.string().max(60).optional(),
    quoteNumberTemplate: z.string().max(60).optional(),
    entrepreneursMayIssue: z.boolean().optional(),
    invoiceFooter: optionalText(1000),
  })
  .strict()
  .openapi('GieSettingsChanges');

const NamedSchema = z.object({ code: z.string(), nameFr: z.string(), nameAr: z.string(), nameEn: z.string() });

const ReferenceSchema = z
  .object({
    provinces: z.array(NamedSchema.extend({ region: z.string() })),
    sectors: z.array(NamedSchema),
    memberStatuses: z.array(z.enum(MEMBER_STATUSES)),
    memberKinds: z.array(z.enum(MEMBER_KINDS)),
    legalForms: z.array(z.enum(LEGAL_FORMS)),
  })
  .openapi('Reference');

const read = defineRoute({
  method: 'get',
  path: '/gie',
  tags,
  summary: "The GIE's identity and settings",
  access: 'signed-in',
  responses: { 200: jsonResponse(GieSettingsSchema, 'The settings'), ...errorResponses },
});

const update = defineRoute({
  method: 'patch',
  path: '/gie',
  tags,
  summary: "Change the GIE's identity or settings",
  access: STAFF,
  request: { body: jsonBody(GieSettingsChangesSchema) },
  responses: { 200: jsonResponse(GieSettingsSchema, 'The settings as changed'), ...errorResponses },
});

const readLogo = defineRoute({
  method: 'get',
  path: '/gie/logo',
  tags,
  summary: "The GIE's logo",
  access: 'signed-in',
  responses: imageResponses,
});

const putLogo = defineRoute({
  method: 'put',
  path: '/gie/logo',
  tags,
  summary: "Set the GIE's logo (PNG or JPEG, at most 512 KiB)",
  access: STAFF,
  request: { body: imageBody },
  responses: { 204: { description: 'Stored' }, ...errorResponses },
});

const reference = defineRoute({
  method: 'get',
  path: '/reference',
  tags,
  summary: 'Reference lists: provinces, sectors, member statuses, kinds and legal forms',
  access: 'signed-in',
  responses: { 200: jsonResponse(ReferenceSchema, 'The lists'), ...errorResponses },
});

export const gieRoutes = createRouter()
  .openapi(read, async (c) => c.json(await getGieSettings(c.var.deps.db), 200))
  .openapi(update, async (c) => {
    const actor = actorOf(requireSession(c).user);
    return c.json(await updateGieSettings(c.var.deps.db, actor, c.req.valid('json')), 200);
  })
  .openapi(readLogo, async (c) => imageResponse(await getGieLogo(c.var.deps.db), 'the GIE'))
  .openapi(putLogo, async (c) => {
    const actor = actorOf(requireSession(c).user);
    await setGieLogo(c.var.deps.db, actor, await readImage(c));
    return c.body(null, 204);
  })
  .openapi(reference, async (c) => {
    const { db } = c.var.deps;
    const [provinces, sectors] = await Promise.all([
      db.selectFrom('provinces').selectAll().orderBy('name_fr').execute(),
      db.selectFrom('sectors').selectAll().orderBy('code').execute(),
    ]);
    const named = (r: { code: string; name_fr: string; name_ar: string; name_en: string }) => ({
      code: r.code,
      nameFr: r.name_fr,
      nameAr: r.name_ar,
      nameEn: r.name_en,
    });
    return c.json(
      {
        provinces: provinces.map((p) => ({ ...named(p), region: p.region })),
        sectors: sectors.map(named),
        memberStatuses: [...MEMBER_STATUSES],
        memberKinds: [...MEMBER_KINDS],
        legalForms: [...LEGAL_FORMS],
      },
      200,
    );
  });
