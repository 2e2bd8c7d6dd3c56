import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApprovalQueuePage, BORDER_NEEDS } from "../../../../src/border/approval-worklist.contract.ts";
import { DispositionCode } from "../../../../src/border/border.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { Link } from "../../router.tsx";
import { useSignedInUser } from "../../session.tsx";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  WorklistPager,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { dayIn } from "./border-words.ts";
import { useBorderApi } from "./use-border-api.ts";

const LIMIT = 20;

/** A supervisor's queue: the decisions awaiting their approval, filtered, searched and paged. */
export function MyQueuePanel() {
  const { t, i18n } = useTranslation();
  // A supervisor who is not also a border reader sees the encounter's reference, not a link to a page they
  // cannot open.
  const readsEncounters = useSignedInUser().permissions.includes("border.read");
  const [filters, setFilters] = useState<WorklistFilters>(emptyWorklistFilters({ disposition: "" }));
  const { data, error } = useBorderApi(`/my-queue?${worklistQuery(filters, LIMIT)}`, ApprovalQueuePage);
  return (
    <section aria-labelledby="border-my-queue-heading">
      <h2 id="border-my-queue-heading">{t("pages.border.myQueue.title")}</h2>
      <WorklistFilterForm
        id="border-my-queue"
        value={filters}
        onApply={setFilters}
        needs={BORDER_NEEDS}
        ageOffered={false}
        ageNote={t("pages.border.myQueue.noAge")}
        codeLabel={t("pages.border.myQueue.code")}
      >
        {(draft, set) => (
          <div className="field">
            <label htmlFor="border-my-queue-disposition">{t("pages.border.myQueue.disposition")}</label>
            <select
              id="border-my-queue-disposition"
              value={draft.extra.disposition ?? ""}
              onChange={(e) => set({ ...draft, extra: { ...draft.extra, disposition: e.target.value } })}
            >
              <option value="">{t("worklist.any")}</option>
              {DispositionCode.options.map((code) => (
                <option key={code} value={code}>
                  {t(`pages.border.disposition.${code}`, { defaultValue: code })}
                </option>
              ))}
            </select>
          </div>
        )}
      </WorklistFilterForm>
      {error && <p role="alert">{error}</p>}
      {!data && !error && <p aria-busy="true">{t("loading")}</p>}
      {data && (
        <>
          <table>
            <caption>{t("pages.border.myQueue.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.border.myQueue.encounter")}</th>
                <th scope="col">{t("pages.border.myQueue.citizenship")}</th>
                <th scope="col">{t("pages.border.myQueue.demographic")}</th>
                <th scope="col">{t("pages.border.myQueue.disposition")}</th>
                <th scope="col">{t("pages.border.myQueue.decided")}</th>
                <th scope="col">{t("pages.border.myQueue.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {data.decisions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {readsEncounters ? (
                      <Link to={`/border/encounters/${d.encounterId}`}>{d.encounterReference}</Link>
                    ) : (
                      d.encounterReference
                    )}
                  </th>
                  <td>{countryLabel(d.citizenship, i18n.language)}</td>
                  <td>{t(`pages.border.demographic.${d.demographic}`, { defaultValue: d.demographic })}</td>
                  <td>
                    {t(`pages.border.disposition.${d.disposition}`, { defaultValue: d.disposition })}
                    {d.to ? ` → ${countryLabel(d.to, i18n.language)}` : ""}
                  </td>
                  <td>{dayIn(i18n.language, d.decidedAt.slice(0, 10))}</td>
                  <td>{d.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <WorklistPager
            shown={data.decisions.length}
            total={data.total}
            limit={LIMIT}
            offset={data.offset}
            onOffset={(offset) => setFilters({ ...filters, offset })}
          />
        </>
      )}
    </section>
  );
}
