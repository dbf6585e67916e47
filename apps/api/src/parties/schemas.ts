// The shapes of customers and suppliers on the wire: bodies, query parameters and answers, in camelCase.
// Shape and identifier formats only; the rules across fields (ICE of Moroccan companies, law 69-21) are the core's.
import { iceSchema, identifiantFiscalSchema, MAX_PAGE_SIZE, PARTY_KINDS, PARTY_SORTS } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';

export const PartyKindSchema = z.enum(PARTY_KINDS).openapi('PartyKind');

export const PartySchema = z
  .object({
    id: z.number().int(),
    kind: PartyKindSchema,
    isCustomer: z.boolean(),
    isSupplier: z.boolean(),
    name: z.string(),
    ice: z.string().nullable(),
    ifNumber: z.string().nullable(),
    rcNumber: z.string().nullable(),
    country: z.string(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    paymentDays: z.number().int(),
    paymentTermsAgreement: z.string().nullable(),
    vatExemptionBasis: z.string().nullable(),
    notes: z.string().nullable(),
    mergedIntoId: z.number().int().nullable().openapi({ description: 'Set once merged: the party to follow' }),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Party');

const DuplicateReasonSchema = z.enum(['same-name', 'similar-name']).openapi('DuplicateReason');

export const PossibleDuplicateSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    ice: z.string().nullable(),
    reason: DuplicateReasonSchema,
    similarity: z.number().openapi({ description: '0 to 1' }),
  })
  .openapi('PossibleDuplicate');

export const CreatedPartySchema = z
  .object({ party: PartySchema, possibleDuplicates: z.array(PossibleDuplicateSchema) })
  .openapi('CreatedParty');

export const PartyPageSchema = z
  .object({
    items: z.array(PartySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('PartyPage');

export const DuplicateGroupsSchema = z
  .object({
    groups: z.array(
      z.object({
        reason: DuplicateReasonSchema,
        parties: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            kind: PartyKindSchema,
            ice: z.string().nullable(),
            city: z.string().nullable(),
            isCustomer: z.boolean(),
            isSupplier: z.boolean(),
            createdAt: z.string(),
          }),
        ),
      }),
    ),
  })
  .openapi('DuplicateGroups');

export const MergeResultSchema = z.object({ merged: PartySchema, survivor: PartySchema }).openapi('MergeResult');

const text = (max: number) => z.string().max(max).nullable().optional();

const partyFields = {
  isCustomer: z.boolean().optional(),
  isSupplier: z.boolean().optional(),
  ice: iceSchema.nullable().optional(),
  ifNumber: identifiantFiscalSchema.nullable().optional(),
  rcNumber: text(40),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected an ISO country code of 2 letters such as MA')
    .optional(),
  address: text(300),
  city: text(100),
  postalCode: text(20),
  email: z.email().max(254).nullable().optional(),
  phone: text(25),
  paymentDays: z.number().int().min(0).optional(),
  paymentTermsAgreement: text(200),
  vatExemptionBasis: text(200),
  notes: text(2000),
  active: z.boolean().optional(),
};

export const NewPartySchema = z
  .object({ kind: PartyKindSchema, name: z.string().trim().min(1).max(200), ...partyFields })
  .strict()
  .openapi('NewParty');

export const PartyChangesSchema = z
  .object({ kind: PartyKindSchema.optional(), name: z.string().trim().min(1).max(200).optional(), ...partyFields })
  .strict()
  .openapi('PartyChanges');

export const MergeSchema = z
  .object({
    into: z.number().int().positive().max(2_147_483_647).openapi({ description: 'The party that carries on' }),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .openapi('PartyMerge');

const flag = (name: string) =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ param: { name, in: 'query' } });

const listQueryFields = {
  search: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: 'search', in: 'query' }, description: 'Name, ICE or city; case and accents ignored' }),
  role: z
    .enum(['customer', 'supplier'])
    .optional()
    .openapi({ param: { name: 'role', in: 'query' } }),
  active: flag('active'),
  includeMerged: flag('includeMerged'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .openapi({ param: { name: 'pageSize', in: 'query' }, example: 50 }),
  sort: z
    .enum(PARTY_SORTS)
    .optional()
    .openapi({ param: { name: 'sort', in: 'query' } }),
};

export const PartyListQuerySchema = z
  .object(listQueryFields)
  .loose()
  // a misspelt parameter (?serach=) would otherwise be silently ignored; named, like the others, by its path
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (!(key in listQueryFields)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown parameter; expected one of ${Object.keys(listQueryFields).join(', ')}`,
        });
      }
    }
  });
