import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PersonView } from "../../../../src/registry/registry.contract.ts";
import {
  REVIEW_SORTS,
  ReviewBand,
  ReviewItem,
  ReviewQueue,
} from "../../../../src/registry/review.contract.ts";
import { dateFormat, numberFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useFocusOnOpen } from "../../ui/focus-on-open.ts";
import { matchReasonText } from "../../ui/match-reason.ts";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  WorklistPager,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

const LIMIT = 20;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One side of a pair: name, birth date in the reader's language, documents and the office by its name. */
function Side({
  p,
  label,
  officeName,
}: {
  p: PersonView | null;
  label: string;
  officeName: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const day = dateFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const birth = p?.birthDate
    ? FULL_DATE.test(p.birthDate)
      ? day.format(new Date(`${p.birthDate}T00:00:00Z`))
      : p.birthDate
    : "—";
  return (
    <div style={{ flex: 1 }}>
      <h4>{label}</h4>
      {p ? (
        <dl>
          <dt>{t("pages.registry.review.name")}</dt>
          <dd>{[...p.givenNames, ...p.surnames].join(" ")}</dd>
          <dt>{t("pages.registry.review.birthDate")}</dt>
          <dd>{birth}</dd>
          <dt>{t("pages.registry.review.documents")}</dt>
          <dd>{p.documents.map((d) => d.number).join(", ") || "—"}</dd>
          <dt>{t("pages.registry.office")}</dt>
          <dd>{p.officeId ? officeName(p.officeId) : "—"}</dd>
        </dl>
      ) : (
        <p>—</p>
      )}
    </div>
  );
}

/**
 * Possible duplicates by band, most probable (or oldest, or newest) first, paged on the server; a pair opened
 * side by side takes the focus; merge or keep apart with a reason.
 */
export function RegistryReview() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<WorklistFilters>({
    ...emptyWorklistFilters({ band: "" }),
    sort: "probability",
  });
  const queue = useLoad(`/registry/reviews?${worklistQuery(filters, LIMIT)}`, ReviewQueue);
  const [open, setOpen] = useState<string | null>(null);
  const item = useLoad(open ? `/registry/reviews/${open}` : null, ReviewItem);
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = item.data !== null && item.data.id === open;
  useFocusOnOpen(heading, open ?? "", ready);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const percent = numberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const day = dateFormat(i18n.language, { dateStyle: "medium" });
  const bandLabel = (band: string) => t(`pages.registry.bands.${band === "likely" ? "likely" : "possible"}`);
  const decide = (decision: "merge" | "distinct") =>
    apiRequest(`/registry/reviews/${open}/decision`, { method: "POST", body: { decision, reason } })
      .then(() => {
        setMessage(t("pages.registry.decided"));
        setOpen(null);
        queue.reload();
      })
      .catch((e: unknown) => setMessage(messageOf(e)));
  const officeName = (id: string) => item.data?.offices.find((o) => o.id === id)?.name ?? id;
  return (
    <section aria-labelledby="registry-review">
      <h2 id="registry-review">{t("pages.registry.tabs.review")}</h2>
      <WorklistFilterForm
        id="review"
        value={filters}
        onApply={setFilters}
        nationalityOffered={false}
        needs={[]}
        ageOffered={false}
        sorts={REVIEW_SORTS.map((key) => ({ value: key, label: t(`pages.registry.review.sorts.${key}`) }))}
      >
        {(draft, set) => (
          <div className="field">
            <label htmlFor="review-band">{t("pages.registry.band")}</label>
            <select
              id="review-band"
              value={draft.extra.band ?? ""}
              onChange={(e) => set({ ...draft, extra: { ...draft.extra, band: e.target.value } })}
            >
              <option value="">{t("worklist.any")}</option>
              {ReviewBand.options.map((band) => (
                <option key={band} value={band}>
                  {bandLabel(band)}
                </option>
              ))}
            </select>
          </div>
        )}
      </WorklistFilterForm>
      <div role="alert">{queue.error ?? item.error ?? message}</div>
      {item.data && open && ready && (
        <div>
          <h3 id="review-pair" ref={heading} tabIndex={-1}>
            {t("pages.registry.review.pair", {
              band: bandLabel(item.data.band),
              probability: percent.format(item.data.probability),
            })}
          </h3>
          <div style={{ display: "flex", gap: "2rem" }}>
            <Side p={item.data.left} label={t("pages.registry.left")} officeName={officeName} />
            <Side p={item.data.right} label={t("pages.registry.right")} officeName={officeName} />
          </div>
          <p>
            {t("pages.registry.review.reasons")}:{" "}
            {item.data.reasons.map((r) => matchReasonText(r, t)).join(", ")}
          </p>
          <label>
            {t("pages.registry.decisionReason")}{" "}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => decide("merge")}>
            {t("pages.registry.merge")}
          </button>
          <button type="button" onClick={() => decide("distinct")}>
            {t("pages.registry.distinct")}
          </button>
        </div>
      )}
      {queue.data && (
        <>
          <table>
            <caption>{t("pages.registry.tabs.review")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.registry.band")}</th>
                <th scope="col">{t("pages.registry.review.probability")}</th>
                <th scope="col">{t("pages.registry.review.created")}</th>
                <th scope="col">{t("pages.registry.review.whyCreated")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <button type="button" onClick={() => setOpen(i.id)}>
                      {bandLabel(i.band)}
                    </button>
                  </th>
                  <td>{percent.format(i.probability)}</td>
                  <td>
                    <time dateTime={i.createdAt}>{day.format(new Date(i.createdAt))}</time>
                  </td>
                  <td>{i.whyCreated ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <WorklistPager
            shown={queue.data.items.length}
            total={queue.data.total}
            limit={LIMIT}
            offset={queue.data.offset}
            onOffset={(offset) => setFilters({ ...filters, offset })}
          />
        </>
      )}
    </section>
  );
}
