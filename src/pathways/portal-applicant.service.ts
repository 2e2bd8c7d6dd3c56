import { timingSafeEqual } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { hashSecret } from "../platform/auth/credentials.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { type ApplicationRow, findByTrackingCode } from "./applications.store.ts";
import { slotTime } from "./appointments.service.ts";
import type { appointmentOf } from "./appointments.store.ts";
import type { CatalogService } from "./catalog.service.ts";
import type { Pathway } from "./engine/catalog.ts";
import type { PortalDownload } from "./portal.contract.ts";
import type { BudgetRate } from "./portal-budget.store.ts";

// What the portal's actions share: their dependencies, the scope the portal acts in, and the applicant's own
// application opened with its tracking code and secret (the same 404 for whatever does not open it). The
// actions are in portal-screening (catalogue, screening), portal-apply (applying), portal-status (the status
// page) and portal-rights (download, erasure); portal.service.ts binds them.

/** What the portal actions share. */
export interface PortalDeps {
  db: Db;
  keyring: Keyring;
  catalog: CatalogService;
  clock: () => Date;
  budget: BudgetRate | null;
}

/** The scope the public portal acts in: the pathway's nation, no user, labelled as the portal. */
export function portalScope(nation: string, requestId: string | null): Scope {
  return {
    tenantId: nation,
    userId: null,
    actorLabel: "portal:applicant",
    officeId: null,
    roles: [],
    permissions: new Set(),
    reach: "own",
    regional: false,
    requestId,
  };
}

/** The nation a tracking code names (its first three letters), or undefined for a code that names none. */
const nationOf = (code: string) => /^([A-Z]{3})-/.exec(code)?.[1];

const notFound = () => new AppError("NOT_FOUND", "no application matches this tracking code and secret");

/**
 * The application a code and secret open, or the same 404 for an unknown code, a wrong secret and an erased
 * application. `forUpdate` locks its row for a change.
 */
export async function openApplication(
  tx: Tx,
  scope: Scope,
  code: string,
  secret: string,
  forUpdate = false,
): Promise<ApplicationRow> {
  const app = await findByTrackingCode(tx, scope, code, forUpdate).catch(() => undefined);
  const given = Buffer.from(hashSecret(secret));
  if (!app || !timingSafeEqual(given, Buffer.from(app.secret_hash)) || app.stage === "erased")
    throw notFound();
  return app;
}

/** The nation a tracking code names and the portal's scope in it; the same 404 as a wrong secret otherwise. */
export function codeScope(trackingCode: string, requestId: string | null) {
  const code = trackingCode.toUpperCase();
  const nation = nationOf(code);
  if (!nation) throw notFound();
  return { code, nation, scope: portalScope(nation, requestId) };
}

/** The applicant's own application, opened in its nation's transaction, with the pathway it was filed on. */
export interface OwnApplication {
  tx: Tx;
  scope: Scope;
  nation: string;
  app: ApplicationRow;
  pathway: Pathway | undefined;
}

/**
 * Opens the application a tracking code and secret name (the same 404 otherwise) with its published pathway,
 * lets `read` build the answer in the same transaction, then audits the read as `action`.
 */
export async function readOwnApplication<T>(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string },
  requestId: string | null,
  action: string,
  read: (own: OwnApplication) => Promise<T>,
): Promise<T> {
  const { catalog, db } = deps;
  const { code, nation, scope } = codeScope(input.trackingCode, requestId);
  const pub = await catalog.published();
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret);
    const pathway = pub.catalog.pathways.find((p) => p.id === `${nation}:${app.pathway_id}`);
    const answer = await read({ tx, scope, nation, app, pathway });
    await recordAudit(tx, scope, { action, targetType: "pathway_application", targetId: app.id });
    return answer;
  });
}

/** An application's appointment as the applicant sees it, or null when none is booked. */
export function appointmentView(
  appointment: Awaited<ReturnType<typeof appointmentOf>>,
): PortalDownload["appointment"] {
  return appointment
    ? {
        day: String(appointment.day),
        time: slotTime(appointment.slot),
        officeId: appointment.office_id,
      }
    : null;
}
