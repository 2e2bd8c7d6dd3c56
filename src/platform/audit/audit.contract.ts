import { z } from "zod";

export const AuditQuery = z.object({
  action: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  actor: z.string().max(254).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Events with a sequence number below this one (paging back in time). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventView = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorTenant: z.string().nullable(),
  actorUser: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export const AuditEventList = z.object({
  events: z.array(AuditEventView),
  nextBefore: z.number().nullable(),
});
