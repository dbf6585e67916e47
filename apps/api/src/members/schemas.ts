import { AREAS, LEGAL_FORMS, MEMBER_KINDS, MEMBER_STATUSES } from '@gie-ecp/core';
import { z } from '@hono/zod-openapi';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const count = z.number().int().min(0).max(1_000_000).nullable().optional();

export const MemberStatusSchema = z.enum(MEMBER_STATUSES).openapi('MemberStatus');

/** Identity fields, as sent to create or change a member. Identifiers are checked by the core. */
export const MemberFieldsSchema = z
  .object({
    legalName: text(200).min(1),
    tradeName: optionalText(200),
    kind: z.enum(MEMBER_KINDS).optional(),
    legalForm: z.enum(LEGAL_FORMS).optional(),
    registrationNumber: optionalText(30),
    registrationPlace: optionalText(100),
    ice: optionalText(20),
    ifNumber: optionalText(12),
    tpNumber: optionalText(12),
    cnssNumber: optionalText(12),
    address: optionalText(300),
    province: optionalText(40),
    commune: optionalText(100),
    area: z.enum(AREAS).nullable().optional(),
    sector: optionalText(40),
    activities: optionalText(1000),
    foundedOn: z.iso.date().nullable().optional(),
    peopleCount: count,
    womenCount: count,
    youthCount: count,
    jobsCount: count,
    capital: z
      .string()
      .regex(/^\d{1,13}(\.\d{1,2})?$/, 'expected an amount such as "15000.00"')
      .nullable()
      .optional(),
    contactName: optionalText(120),
    contactPhone: optionalText(40),
    contactEmail: optionalText(254),
    bankName: optionalText(100),
    rib: optionalText(30),
    contributionRate: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a percentage such as "8" or "8.5"')
      .nullable()
      .optional(),
    rightsShare: z
      .string()
      .regex(/^\d{1,13}(\.\d{1,4})?$/, 'expected a non-negative number such as "1" or "2.5"')
      .optional(),
  })
  .strict();

export const NewMemberSchema = MemberFieldsSchema.openapi('NewMember');
export const MemberChangesSchema = MemberFieldsSchema.partial().strict().openapi('MemberChanges');

export const MemberSchema = z
  .object({
    id: z.number().int(),
    code: z.string().nullable(),
    status: MemberStatusSchema,
    admittedOn: z.string().nullable(),
    legalName: z.string(),
    tradeName: z.string().nullable(),
    kind: z.enum(MEMBER_KINDS),
    legalForm: z.enum(LEGAL_FORMS),
    registrationNumber: z.string().nullable(),
    registrationPlace: z.string().nullable(),
    ice: z.string().nullable(),
    ifNumber: z.string().nullable(),
    tpNumber: z.string().nullable(),
    cnssNumber: z.string().nullable(),
    address: z.string().nullable(),
    province: z.string().nullable(),
    commune: z.string().nullable(),
    area: z.enum(AREAS).nullable(),
    sector: z.string().nullable(),
    activities: z.string().nullable(),
    foundedOn: z.string().nullable(),
    peopleCount: z.number().int().nullable(),
    womenCount: z.number().int().nullable(),
    youthCount: z.number().int().nullable(),
    jobsCount: z.number().int().nullable(),
    capital: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    bankName: z.string().nullable(),
    rib: z.string().nullable(),
    contributionRate: z.string().nullable(),
    effectiveContributionRate: z.string(),
    rightsShare: z.string(),
    hasLogo: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Member');

export const MemberListQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    status: MemberStatusSchema.optional(),
    province: z.string().max(40).optional(),
    sector: z.string().max(40).optional(),
    area: z.enum(AREAS).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    sort: z.enum(['code', '-code', 'legalName', '-legalName', 'createdAt', '-createdAt', 'status', '-status']).default('code'),
  })
  .strict();

export const StatusChangeSchema = z
  .object({
    to: MemberStatusSchema,
    effectiveOn: z.iso.date().optional(),
    reason: z.string().trim().max(1000).nullable().optional(),
    force: z.boolean().optional(),
  })
  .strict()
  .openapi('MemberStatusChangeRequest');

export const StatusHistorySchema = z
  .object({
    id: z.number().int(),
    fromStatus: MemberStatusSchema.nullable(),
    toStatus: MemberStatusSchema,
    effectiveOn: z.string(),
    reason: z.string().nullable(),
    forced: z.boolean(),
    actorUserId: z.number().int().nullable(),
    at: z.string(),
  })
  .openapi('MemberStatusChange');

export const EntrepreneurSchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    cin: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    userId: z.number().int().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Entrepreneur');

export const NewEntrepreneurSchema = z
  .object({
    firstName: text(80).min(1),
    lastName: text(80).min(1),
    cin: optionalText(10),
    phone: optionalText(40),
    email: z.email().max(254).nullable().optional(),
    password: z.string().min(10).max(200).optional(),
    locale: z.enum(['fr', 'ar', 'en']).optional(),
  })
  .strict()
  .openapi('NewEntrepreneur');
