import { officeNameOf } from "../platform/offices/offices.service.ts";
import { decidedSince, queuePosition, WAITING_STAGES } from "./applications.store.ts";
import { appointmentOf } from "./appointments.store.ts";
import type { Period } from "./engine/catalog-schema.ts";
import { estimateWait } from "./engine/estimated-wait.ts";
import type { Language } from "./engine/language.ts";
import { describeWait } from "./engine/pathway-texts.ts";
import { nextStepText } from "./engine/status-texts.ts";
import type { PortalStatus } from "./portal.contract.ts";
import {
  appointmentView,
  type OwnApplication,
  type PortalDeps,
  readOwnApplication,
} from "./portal-applicant.service.ts";

// The portal's status page: where an application stands, its place in the queue and the wait the pathway's
// capacity suggests, for whoever holds its tracking code and secret.

/** The first day of the capacity period `now` falls in, and the days left in it. */
export function currentPeriod(now: Date, period: Period): { start: Date; daysLeft: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const starts: Record<Period, [Date, Date]> = {
    day: [new Date(Date.UTC(y, m, d)), new Date(Date.UTC(y, m, d + 1))],
    week: [
      new Date(Date.UTC(y, m, d - ((now.getUTCDay() + 6) % 7))),
      new Date(Date.UTC(y, m, d + 7 - ((now.getUTCDay() + 6) % 7))),
    ],
    month: [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))],
    quarter: [new Date(Date.UTC(y, m - (m % 3), 1)), new Date(Date.UTC(y, m - (m % 3) + 3, 1))],
    year: [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))],
  };
  const [start, end] = starts[period];
  return { start, daysLeft: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 86_400_000)) };
}

/** The wait a queued application can expect from its pathway's capacity, or null when none can be told. */
async function estimatedWaitOf(
  deps: PortalDeps,
  own: OwnApplication,
  position: number | null,
  lang: Language,
): Promise<PortalStatus["estimatedWait"]> {
  const { tx, scope, app, pathway } = own;
  if (position === null || !pathway?.capacity) return null;
  const period = currentPeriod(deps.clock(), pathway.capacity.period);
  const used = await decidedSince(tx, scope, app.pathway_id, period.start);
  const wait = estimateWait({
    position,
    placesPerPeriod: pathway.capacity.places,
    period: pathway.capacity.period,
    usedThisPeriod: used,
    daysLeftInPeriod: period.daysLeft,
    processingDays: pathway.processingDays ?? 0,
  });
  return wait ? { days: wait.days, text: describeWait(wait.days, lang) } : null;
}

/** The status page of one application, for whoever holds its code and secret. */
export async function applicationStatus(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string; lang: Language },
  requestId: string | null,
): Promise<PortalStatus> {
  return readOwnApplication(deps, input, requestId, "pathway.application.status", async (own) => {
    const { tx, scope, app, pathway } = own;
    const waiting = WAITING_STAGES.includes(app.stage);
    const position = waiting ? await queuePosition(tx, scope, app) : null;
    const estimatedWait = await estimatedWaitOf(deps, own, position, input.lang);
    const view = appointmentView(await appointmentOf(tx, scope, app.id));
    return {
      trackingCode: app.tracking_code,
      pathwayTitle: pathway?.title[input.lang] ?? app.pathway_id,
      stage: app.stage as PortalStatus["stage"],
      decision: app.decision as PortalStatus["decision"],
      nextStep: nextStepText(app.stage, app.decision, input.lang),
      queuePosition: position,
      estimatedWait,
      appointment: view && { ...view, officeName: await officeNameOf(tx, scope, view.officeId) },
      submittedAt: new Date(app.submitted_at).toISOString(),
    };
  });
}
