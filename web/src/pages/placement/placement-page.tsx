import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RunList } from "../../../../src/placement/placement.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { useSignedInUser } from "../../session.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { RunForm } from "./run-form.tsx";
import { RunResult } from "./run-result.tsx";
import { usePlacementApi } from "./use-placement-api.ts";

/** Placement: run a batch, pick a run, see its allocation, totals against pledges, explanations, overrides. */
export function PlacementPage() {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const runs = usePlacementApi("/runs", RunList);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? runs.data?.runs[0]?.id ?? null;
  const created = (id: string) => {
    setChosen(id);
    runs.reload();
  };
  return (
    <>
      <PageHeading title={t("pages.placement.title")} />
      <p>{t("pages.placement.intro")}</p>
      {user.permissions.includes("placement.run") && <RunForm onCreated={created} />}
      {runs.error && <p className="alert">{runs.error}</p>}
      {runs.data && runs.data.runs.length === 0 && (
        <p className="alert alert-empty">{t("pages.placement.runs.none")}</p>
      )}
      {runs.data && runs.data.runs.length > 0 && (
        <div className="field">
          <label htmlFor="placement-run">{t("pages.placement.runs.label")}</label>
          <select id="placement-run" value={selected ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {runs.data.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {t("pages.placement.runs.option", {
                  label: r.label,
                  date: dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
                    new Date(r.createdAt),
                  ),
                  cases: r.cases,
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      {selected && (
        <RunResult
          key={selected}
          id={selected}
          canOverride={user.permissions.includes("placement.override")}
          onChanged={runs.reload}
        />
      )}
    </>
  );
}
