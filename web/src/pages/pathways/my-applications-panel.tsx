import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MyQueuePage, WaitingStage } from "../../../../src/pathways/application-worklist.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  WorklistPager,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { pathwayTitle, useQuestionnaire } from "./application-answers.tsx";
import { PathwaySelect } from "./pathway-select.tsx";
import { ApplicationPanel } from "./queue-panel.tsx";
import { useApi } from "./use-api.ts";

const LIMIT = 20;

/**
 * A pathway officer's queue: applications awaiting a stage or a decision, filtered, searched and paged; the
 * pathway by its title and the date in the reader's language. An application opened takes the focus.
 */
export function MyQueuePanel() {
  const { t, i18n } = useTranslation();
  const catalog = useQuestionnaire();
  const day = dateFormat(i18n.language, { dateStyle: "medium" });
  const [filters, setFilters] = useState<WorklistFilters>(emptyWorklistFilters({ stage: "", pathway: "" }));
  const { data, error, reload } = useApi(`/pathways/my-queue?${worklistQuery(filters, LIMIT)}`, MyQueuePage);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <section aria-labelledby="my-queue-heading">
      <h2 id="my-queue-heading">{t("pages.pathways.myQueueTitle")}</h2>
      <WorklistFilterForm
        id="my-queue"
        value={filters}
        onApply={setFilters}
        codeLabel={t("pages.pathways.code")}
      >
        {(draft, set) => (
          <>
            <div className="field">
              <label htmlFor="my-queue-stage">{t("pages.pathways.stage")}</label>
              <select
                id="my-queue-stage"
                value={draft.extra.stage ?? ""}
                onChange={(e) => set({ ...draft, extra: { ...draft.extra, stage: e.target.value } })}
              >
                <option value="">{t("worklist.any")}</option>
                {WaitingStage.options.map((stage) => (
                  <option key={stage} value={stage}>
                    {t(`pages.pathways.stages.${stage}`)}
                  </option>
                ))}
              </select>
            </div>
            <PathwaySelect
              id="my-queue-pathway"
              value={draft.extra.pathway ?? ""}
              onChange={(pathway) => set({ ...draft, extra: { ...draft.extra, pathway } })}
            />
          </>
        )}
      </WorklistFilterForm>
      {error && <p role="alert">{t("pages.pathways.error", { message: error })}</p>}
      {!data && !error && <p aria-busy="true">{t("loading")}</p>}
      {openId && <ApplicationPanel id={openId} onChange={reload} />}
      {data && (
        <>
          <table>
            <caption>{t("pages.pathways.myQueueTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.pathways.code")}</th>
                <th scope="col">{t("pages.pathways.pathway")}</th>
                <th scope="col">{t("pages.pathways.stage")}</th>
                <th scope="col">{t("pages.pathways.submitted")}</th>
              </tr>
            </thead>
            <tbody>
              {data.applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <button type="button" onClick={() => setOpenId(a.id)}>
                      {a.trackingCode}
                    </button>
                  </th>
                  <td>{pathwayTitle(catalog, undefined, a.pathwayId)}</td>
                  <td>{t(`pages.pathways.stages.${a.stage}`)}</td>
                  <td>
                    <time dateTime={a.submittedAt}>{day.format(new Date(a.submittedAt))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <WorklistPager
            shown={data.applications.length}
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
