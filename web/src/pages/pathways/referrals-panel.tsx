import { useState } from "react";
import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { ReferralPage, ReferralStatus, ReferralView } from "../../../../src/pathways/referrals.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  WorklistPager,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { usePathwayTitle } from "./pathway-title.ts";
import { type ReferralChoice, ReferralDecision } from "./referral-decision.tsx";
import { useApi } from "./use-api.ts";

// The nation's referrals as a worklist: incoming ones (to accept, reject or revoke) or outgoing ones, by
// status, newest or oldest first, paged on the server. Nations, pathways and statuses by their labels.

const LIMIT = 20;

/** Referrals in or out, filtered, sorted and paged, with the decisions the receiving nation takes. */
export function ReferralsPanel() {
  const { t, i18n } = useTranslation();
  const pathwayTitle = usePathwayTitle();
  const day = dateFormat(i18n.language, { dateStyle: "medium" });
  const [filters, setFilters] = useState<WorklistFilters>({
    ...emptyWorklistFilters({ direction: "incoming", status: "" }),
    sort: "newest",
  });
  const { data, error, reload } = useApi(
    `/pathways/referrals?${worklistQuery(filters, LIMIT)}`,
    ReferralPage,
  );
  const [refusal, setRefusal] = useState("");
  const [choice, setChoice] = useState<ReferralChoice | null>(null);
  const decide = async (decided: ReferralChoice, reason: string) => {
    setRefusal("");
    await apiRequest(`/pathways/referrals/${decided.id}/decision`, {
      method: "POST",
      body: { status: decided.status, reason },
      schema: ReferralView,
    }).catch((e: Error) => setRefusal(t("pages.pathways.error", { message: e.message })));
    setChoice(null);
    reload();
  };
  const choose = (r: ReferralView, status: ReferralChoice["status"]) =>
    setChoice({
      id: r.id,
      status,
      nation: countryLabel(r.fromNation, i18n.language),
      pathway: pathwayTitle(r.toPathway, r.toNation),
    });
  const incoming = filters.extra.direction !== "outgoing";
  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t("pages.pathways.referrals.title")}</h2>
      <WorklistFilterForm
        id="referrals"
        value={filters}
        onApply={setFilters}
        nationalityOffered={false}
        needs={[]}
        ageOffered={false}
        sorts={[
          { value: "newest", label: t("worklist.sorts.newest") },
          { value: "oldest", label: t("worklist.sorts.oldest") },
        ]}
      >
        {(draft, set) => {
          const put = (name: string, value: string) =>
            set({ ...draft, extra: { ...draft.extra, [name]: value } });
          return (
            <>
              <div className="field">
                <label htmlFor="referrals-direction">{t("pages.pathways.referrals.direction")}</label>
                <select
                  id="referrals-direction"
                  value={draft.extra.direction ?? "incoming"}
                  onChange={(e) => put("direction", e.target.value)}
                >
                  <option value="incoming">{t("pages.pathways.incoming")}</option>
                  <option value="outgoing">{t("pages.pathways.referrals.outgoing")}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="referrals-status">{t("pages.pathways.referrals.status")}</label>
                <select
                  id="referrals-status"
                  value={draft.extra.status ?? ""}
                  onChange={(e) => put("status", e.target.value)}
                >
                  <option value="">{t("worklist.any")}</option>
                  {ReferralStatus.options.map((status) => (
                    <option key={status} value={status}>
                      {t(`pages.registry.referralStatus.${status}`)}
                    </option>
                  ))}
                </select>
              </div>
            </>
          );
        }}
      </WorklistFilterForm>
      <p role="alert" className={refusal || error ? "alert" : "alert-empty"}>
        {refusal || (error ? t("pages.pathways.error", { message: error }) : "")}
      </p>
      {choice && (
        <ReferralDecision
          key={`${choice.id}-${choice.status}`}
          choice={choice}
          onConfirm={(reason) => decide(choice, reason)}
          onCancel={() => setChoice(null)}
        />
      )}
      {!data && !error && <p aria-busy="true">{t("loading")}</p>}
      {data && (
        <>
          <table>
            <caption>
              {incoming ? t("pages.pathways.incoming") : t("pages.pathways.referrals.outgoing")}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {incoming ? t("pages.pathways.referrals.from") : t("pages.pathways.referrals.to")}
                </th>
                <th scope="col">{t("pages.pathways.pathway")}</th>
                <th scope="col">{t("pages.pathways.referrals.status")}</th>
                <th scope="col">{t("pages.pathways.referrals.sent")}</th>
                <th scope="col">{t("pages.pathways.reason")}</th>
                {incoming && <th scope="col">{t("pages.pathways.referrals.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.referrals.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{countryLabel(incoming ? r.fromNation : r.toNation, i18n.language)}</th>
                  <td>{pathwayTitle(r.toPathway, r.toNation)}</td>
                  <td>{t(`pages.registry.referralStatus.${r.status}`)}</td>
                  <td>
                    <time dateTime={r.createdAt}>{day.format(new Date(r.createdAt))}</time>
                  </td>
                  <td>{r.reason}</td>
                  {incoming && (
                    <td>
                      {r.status === "pending" && (
                        <>
                          <button type="button" onClick={() => choose(r, "accepted")}>
                            {t("pages.pathways.accept")}
                          </button>{" "}
                          <button type="button" onClick={() => choose(r, "rejected")}>
                            {t("pages.pathways.reject")}
                          </button>{" "}
                        </>
                      )}
                      {r.status !== "revoked" && r.status !== "rejected" && (
                        <button type="button" onClick={() => choose(r, "revoked")}>
                          {t("pages.pathways.revoke")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <WorklistPager
            shown={data.referrals.length}
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
