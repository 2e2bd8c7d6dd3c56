import { useTranslation } from "react-i18next";
import { EventsResult, type PolicyEventView } from "../../../../src/flows/flows.contract.ts";
import { flowsUrl, useFlows } from "./use-flows-api.ts";

/** Policy events for everyone, or for one citizenship too (ISO alpha-3). */
export function usePolicyEvents(citizenship: string | undefined): PolicyEventView[] {
  const result = useFlows(flowsUrl("/events", { citizenship_iso: citizenship || undefined }), EventsResult);
  return result.data?.events ?? [];
}

/** The events as a list under a chart: date, what happened, and its sources. */
export function PolicyEventList({
  events,
  from,
  to,
}: {
  events: PolicyEventView[];
  from?: string;
  to?: string;
}) {
  const { t } = useTranslation();
  const shown = events.filter(
    (e) => (!from || e.date.slice(0, 7) >= from) && (!to || e.date.slice(0, 7) <= to),
  );
  if (shown.length === 0) return null;
  return (
    <section aria-label={t("pages.flows.policyEvents")}>
      <h3>{t("pages.flows.policyEvents")}</h3>
      <ul className="flows-events">
        {shown.map((e) => (
          <li key={`${e.date}-${e.kind}-${e.title}`}>
            <time dateTime={e.date}>{e.date}</time> · {e.title}{" "}
            <small>
              {t("pages.flows.eventSource", {
                pack: e.pack,
                sources: e.sources.map((s) => s.reference ?? s.title).join("; "),
              })}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
