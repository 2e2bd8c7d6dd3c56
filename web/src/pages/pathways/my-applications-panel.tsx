import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MyQueuePage, WaitingStage } from "../../../../src/pathways/application-worklist.contract.ts";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { ApplicationTable } from "./application-table.tsx";
import { PathwaySelect } from "./pathway-select.tsx";
import { ApplicationPanel } from "./queue-panel.tsx";
import { useApi } from "./use-api.ts";

const LIMIT = 20;

/**
 * A pathway officer's queue: applications awaiting a stage or a decision, filtered, searched and paged; the
 * pathway by its title and the date in the reader's language. An application opened takes the focus.
 */
export function MyQueuePanel() {
  const { t } = useTranslation();
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
      {openId && <ApplicationPanel key={openId} id={openId} onChange={reload} />}
      {data && (
        <ApplicationTable
          caption={t("pages.pathways.myQueueTitle")}
          page={data}
          limit={LIMIT}
          onOpen={setOpenId}
          onOffset={(offset) => setFilters({ ...filters, offset })}
        />
      )}
    </section>
  );
}
