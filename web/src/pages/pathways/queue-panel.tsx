import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ApplicationPage } from "../../../../src/pathways/application-worklist.contract.ts";
import { ApplicationDetail } from "../../../../src/pathways/applications.contract.ts";
import { Decision, Stage } from "../../../../src/pathways/pathways.contract.ts";
import { ReferralView } from "../../../../src/pathways/referrals.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { useFocusOnOpen } from "../../ui/focus-on-open.ts";
import { PrintButton } from "../../ui/print-button.tsx";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { ApplicationAnswers } from "./application-answers.tsx";
import { ApplicationTable, stageLabel } from "./application-table.tsx";
import { PathwaySelect } from "./pathway-select.tsx";
import { usePathwayTitle } from "./pathway-title.ts";
import { PlacementPanel } from "./placement-panel.tsx";
import { ReferForm } from "./refer-form.tsx";
import { ReferralsPanel } from "./referrals-panel.tsx";
import { RegistryPanel } from "./registry-panel.tsx";
import { SecretReissueForm } from "./secret-reissue.tsx";
import { SlotPicker } from "./slot-picker.tsx";
import { StageActions } from "./stage-actions.tsx";
import { useApi } from "./use-api.ts";

const LIMIT = 20;

/**
 * The nation's applications in any stage, filtered, searched by code, sorted and paged on the server; one
 * application's detail (it takes the focus when opened) and the actions staff take on it; referrals below.
 */
export function QueuePanel() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const [filters, setFilters] = useState<WorklistFilters>(
    emptyWorklistFilters({ stage: "", pathway: "", decision: "" }),
  );
  const { data, error, reload } = useApi(
    `/pathways/applications?${worklistQuery(filters, LIMIT)}`,
    ApplicationPage,
  );
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("pages.pathways.queue")}</h2>
        <WorklistFilterForm
          id="queue"
          value={filters}
          onApply={setFilters}
          codeLabel={t("pages.pathways.code")}
        >
          {(draft, set) => {
            const put = (name: string, value: string) =>
              set({ ...draft, extra: { ...draft.extra, [name]: value } });
            return (
              <>
                <div className="field">
                  <label htmlFor="queue-stage">{t("pages.pathways.stage")}</label>
                  <select
                    id="queue-stage"
                    value={draft.extra.stage ?? ""}
                    onChange={(e) => put("stage", e.target.value)}
                  >
                    <option value="">{t("worklist.any")}</option>
                    {Stage.options.map((stage) => (
                      <option key={stage} value={stage}>
                        {stage === "erased"
                          ? t("pages.pathways.erasedStage")
                          : t(`pages.pathways.stages.${stage}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="queue-decision">{t("pages.pathways.decision")}</label>
                  <select
                    id="queue-decision"
                    value={draft.extra.decision ?? ""}
                    onChange={(e) => put("decision", e.target.value)}
                  >
                    <option value="">{t("worklist.any")}</option>
                    {Decision.options.map((decision) => (
                      <option key={decision} value={decision}>
                        {t(`pages.pathways.decisions.${decision}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <PathwaySelect
                  id="queue-pathway"
                  value={draft.extra.pathway ?? ""}
                  onChange={(v) => put("pathway", v)}
                />
              </>
            );
          }}
        </WorklistFilterForm>
        {error && <p role="alert">{t("pages.pathways.error", { message: error })}</p>}
        {!data && !error && <p aria-busy="true">{t("loading")}</p>}
        {openId && <ApplicationPanel key={openId} id={openId} onChange={reload} />}
        {data && (
          <ApplicationTable
            caption={t("pages.pathways.queue")}
            page={data}
            limit={LIMIT}
            onOpen={setOpenId}
            onOffset={(offset) => setFilters({ ...filters, offset })}
          />
        )}
      </section>
      {user.permissions.includes("referral.decide") && <ReferralsPanel />}
    </>
  );
}

export function ApplicationPanel({ id, onChange }: { id: string; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const pathwayTitle = usePathwayTitle();
  const { data, error, reload } = useApi(`/pathways/applications/${id}`, ApplicationDetail);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnOpen(heading, id, data !== null);
  const [message, setMessage] = useState("");
  const act = async (call: () => Promise<unknown>): Promise<boolean> => {
    setMessage("");
    try {
      await call();
      setMessage(t("pages.pathways.done"));
      reload();
      onChange();
      return true;
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
      return false;
    }
  };
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const when = dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const stageName = (stage: string) => t(`pages.pathways.stages.${stage}`, { defaultValue: stage });
  const post = (path: string, body: unknown, schema: z.ZodType) =>
    act(() => apiRequest(`/pathways/applications/${id}/${path}`, { method: "POST", body, schema }));
  return (
    <section aria-labelledby="application-title" className="printable">
      <h2 id="application-title" ref={heading} tabIndex={-1}>
        {data.trackingCode} · {pathwayTitle(data.pathwayId)} · {stageLabel(data, t)}
      </h2>
      <PrintButton />
      <p role="status">{message}</p>
      {data.stage === "erased" ? (
        <p data-testid="erased-notice">{t("pages.pathways.erasedNotice")}</p>
      ) : (
        <ApplicationActions
          data={data}
          post={post}
          onChange={() => {
            reload();
            onChange();
          }}
        />
      )}
      <PlacementPanel
        id={id}
        placement={data.placement}
        onChange={() => {
          reload();
          onChange();
        }}
      />
      <RegistryPanel
        id={id}
        live={data.stage !== "erased"}
        onChange={() => {
          reload();
          onChange();
        }}
      />
      <h3>{t("pages.pathways.history")}</h3>
      <ol>
        {data.history.map((h) => (
          <li key={h.changedAt + h.toStage}>
            <time dateTime={h.changedAt}>{when.format(new Date(h.changedAt))}</time> ·{" "}
            {h.fromStage ? stageName(h.fromStage) : "—"} → {stageName(h.toStage)}
            {h.decision
              ? ` (${t(`pages.pathways.decisions.${h.decision}`, { defaultValue: h.decision })})`
              : ""}{" "}
            · {h.actor} · {h.reason}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The answers and what staff may do with a live application. */
function ApplicationActions({
  data,
  post,
  onChange,
}: {
  data: z.infer<typeof ApplicationDetail>;
  post: (path: string, body: unknown, schema: z.ZodType) => Promise<boolean>;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("pages.pathways.answers")}</h3>
      <ApplicationAnswers fullName={data.fullName} contact={data.contact} answers={data.answers} />
      <StageActions stage={data.stage} post={post} />
      <SlotPicker id={data.id} stage={data.stage} appointment={data.appointment} onBooked={onChange} />
      <ReferForm onRefer={(body) => post("referral", body, ReferralView)} />
      <SecretReissueForm applicationId={data.id} />
    </>
  );
}
