import { useTranslation } from "react-i18next";
import { Timeline, type TimelineEvent } from "../../../../src/registry/timeline.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { Link } from "../../router.tsx";
import { useLoad } from "./use-registry.ts";

/** Where a step's record has a page of its own. */
function recordPath(event: TimelineEvent): string | null {
  if (event.capability === "border" && event.kind === "encounter_recorded")
    return `/border/encounters/${event.ref}`;
  if (event.capability === "registry" && event.kind === "case_opened") return `/registry/cases/${event.ref}`;
  if (event.capability === "registry" && event.kind === "registered") return `/registry/people/${event.ref}`;
  return null;
}

/**
 * A person's steps through the framework, oldest first: what the server lets this reader see (each
 * capability's steps only for its readers). Codes are said in words; a code without words is shown as words.
 */
export function RegistryPersonTimeline({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useLoad(`/registry/people/${id}/timeline`, Timeline);
  const when = (at: string) =>
    dateFormat(i18n.language, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(new Date(at));
  const what = (event: TimelineEvent) =>
    t(`pages.registry.timeline.kinds.${event.kind}`, { defaultValue: event.kind.replaceAll("_", " ") });
  return (
    <section aria-labelledby="registry-person-timeline">
      <h3 id="registry-person-timeline">{t("pages.registry.timeline.title")}</h3>
      {error && <div role="alert">{error}</div>}
      {data && data.events.length === 0 && <p>{t("pages.registry.timeline.empty")}</p>}
      {data && data.events.length > 0 && (
        <ol className="timeline">
          {data.events.map((event) => {
            const path = recordPath(event);
            return (
              <li key={`${event.capability}-${event.kind}-${event.ref}-${event.at}`}>
                <time dateTime={event.at}>{when(event.at)}</time>
                {" · "}
                <span>{t(`pages.registry.timeline.capabilities.${event.capability}`)}</span>
                {" · "}
                {path ? <Link to={path}>{what(event)}</Link> : <span>{what(event)}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
