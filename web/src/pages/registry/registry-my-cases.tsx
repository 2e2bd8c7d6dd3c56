import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MyCasesPage } from "../../../../src/registry/case-worklist.contract.ts";
import { SPECIFIC_NEEDS } from "../../../../src/shared/specific-needs.ts";
import { Link } from "../../router.tsx";
import { useSignedInUser } from "../../session.tsx";
import { LoadStatus } from "../../ui/load-status.tsx";
import {
  emptyWorklistFilters,
  WorklistFilterForm,
  type WorklistFilters,
  WorklistPager,
  worklistQuery,
} from "../../ui/worklist-controls.tsx";
import { useLoad } from "./use-registry.ts";

const LIMIT = 20;
const STATUSES = ["open", "in_review", "closed"] as const;
const TYPES = ["protection", "pathway_application", "border_encounter"] as const;

/** A caseworker's worklist: the cases assigned to them, filtered by stage, type and the person, paged. */
export function RegistryMyCases() {
  const { t } = useTranslation();
  // Specific needs are shown only to protection readers, so only they filter by them.
  const seesNeeds = useSignedInUser().permissions.includes("protection.read");
  const [filters, setFilters] = useState<WorklistFilters>(emptyWorklistFilters({ status: "", type: "" }));
  const { data, error } = useLoad(`/registry/my-cases?${worklistQuery(filters, LIMIT)}`, MyCasesPage);
  return (
    <section aria-labelledby="my-cases-heading">
      <h2 id="my-cases-heading">{t("pages.registry.myCases.title")}</h2>
      <p>{t("pages.registry.myCases.intro")}</p>
      <WorklistFilterForm
        id="my-cases"
        value={filters}
        onApply={setFilters}
        needs={seesNeeds ? SPECIFIC_NEEDS : []}
        codeLabel={t("pages.registry.myCases.code")}
      >
        {(draft, set) => (
          <>
            <div className="field">
              <label htmlFor="my-cases-status">{t("pages.registry.myCases.status")}</label>
              <select
                id="my-cases-status"
                value={draft.extra.status ?? ""}
                onChange={(e) => set({ ...draft, extra: { ...draft.extra, status: e.target.value } })}
              >
                <option value="">{t("worklist.any")}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`pages.registry.myCases.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="my-cases-type">{t("pages.registry.myCases.type")}</label>
              <select
                id="my-cases-type"
                value={draft.extra.type ?? ""}
                onChange={(e) => set({ ...draft, extra: { ...draft.extra, type: e.target.value } })}
              >
                <option value="">{t("worklist.any")}</option>
                {TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`pages.registry.myCases.types.${type}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </WorklistFilterForm>
      <LoadStatus error={error} loaded={data !== null} />
      {data && (
        <>
          <table>
            <caption>{t("pages.registry.myCases.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.registry.myCases.case")}</th>
                <th scope="col">{t("pages.registry.myCases.type")}</th>
                <th scope="col">{t("pages.registry.myCases.status")}</th>
                <th scope="col">{t("pages.registry.myCases.opened")}</th>
                <th scope="col">{t("pages.registry.person")}</th>
              </tr>
            </thead>
            <tbody>
              {data.cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/registry/cases/${c.id}`}>{c.reference}</Link>
                  </th>
                  <td>{t(`pages.registry.myCases.types.${c.type}`)}</td>
                  <td>{t(`pages.registry.myCases.statuses.${c.status}`)}</td>
                  <td>{c.createdAt.slice(0, 10)}</td>
                  <td>
                    <Link to={`/registry/people/${c.personId}`}>
                      {c.personName ?? t("pages.registry.person")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <WorklistPager
            shown={data.cases.length}
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
