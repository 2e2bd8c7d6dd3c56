import path from "node:path";
import type { Scope } from "../platform/auth/scope.ts";
import type { Platform } from "../platform/platform.ts";
import { type BotCheckOptions, createBotCheck } from "./bot-check.ts";
import { createCatalogService } from "./catalog.service.ts";
import { createDashboardService } from "./dashboard.service.ts";
import { deliverOutbox, fileTransport, type NotificationTransport } from "./outbox.service.ts";
import { createPortalService } from "./portal.service.ts";
import { RateLimiter } from "./rate-limit.ts";
import { createReferralService } from "./referral.service.ts";
import { createWorkflowService } from "./workflow.service.ts";

/** Portal protections; tests and benchmarks loosen them. */
export interface PortalSettings {
  botCheck: BotCheckOptions;
  /** Requests per minute per client address: screening and status lookups, and applications. */
  readsPerMinute: number;
  appliesPerMinute: number;
}

/** Settings from the environment: `HEMISPHERE_PORTAL_POW_BITS`, `HEMISPHERE_PORTAL_READS_PER_MIN`, `…_APPLIES_PER_MIN`. */
export function portalSettingsFromEnv(env: NodeJS.ProcessEnv): PortalSettings {
  const num = (value: string | undefined, fallback: number) =>
    value && Number.isFinite(Number(value)) ? Number(value) : fallback;
  return {
    botCheck: { difficulty: num(env.HEMISPHERE_PORTAL_POW_BITS, 14), ttlMs: 10 * 60_000 },
    readsPerMinute: num(env.HEMISPHERE_PORTAL_READS_PER_MIN, 60),
    appliesPerMinute: num(env.HEMISPHERE_PORTAL_APPLIES_PER_MIN, 5),
  };
}

/** Everything pathways does on the platform: catalogue, portal, workflow, referrals, dashboards, outbox. */
export function createPathwaysService(
  platform: Platform,
  options: { portal?: PortalSettings; transport?: NotificationTransport; clock?: () => Date } = {},
) {
  const { db } = platform.database;
  const { keyring } = platform;
  const clock = options.clock ?? (() => new Date());
  const settings = options.portal ?? portalSettingsFromEnv(process.env);
  const transport =
    options.transport ?? fileTransport(path.join(platform.config.dataDir, "outbox", "notifications.jsonl"));
  const nations = async () =>
    (await db.selectFrom("tenants").select("id").where("kind", "=", "nation").orderBy("id").execute()).map(
      (r) => r.id,
    );
  const catalog = createCatalogService(db, clock);
  const workflow = createWorkflowService(db, keyring);
  return {
    catalog,
    workflow,
    portal: createPortalService(db, keyring, catalog, clock),
    referrals: createReferralService(db, keyring, catalog, workflow),
    dashboards: createDashboardService(db, nations),
    portalSettings: settings,
    botCheck: createBotCheck(settings.botCheck),
    limits: {
      reads: new RateLimiter(settings.readsPerMinute, 60_000),
      applies: new RateLimiter(settings.appliesPerMinute, 60_000),
    },
    /** Hands pending notifications of the scope's nation (every nation for a system run) to the transport. */
    async deliverNotifications(scope: Scope, everyNation = false) {
      const codes = everyNation ? await nations() : [scope.tenantId];
      return deliverOutbox(
        db,
        keyring,
        transport,
        codes.map((tenantId) => ({ ...scope, tenantId })),
      );
    },
  };
}

export type PathwaysService = ReturnType<typeof createPathwaysService>;
