import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  RETENTION_DAYS_MAX,
  RetentionPeriodView,
  RetentionSettings,
} from "../../../../src/platform/retention/retention.contract.ts";
import { apiRequest } from "../../api.ts";
import { LoadStatus } from "../../ui/load-status.tsx";
import { messageOf, useLoad } from "../registry/use-registry.ts";

/**
 * The nation's retention periods, one per kind of record the platform knows how to erase: how many days after
 * the rule's last activity a record is erased by the daily run, or blank to keep records (the default).
 */
export function RetentionPeriods() {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad("/retention", RetentionSettings);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{t("pages.agreements.retention.title")}</h2>
      <p>{t("pages.agreements.retention.intro")}</p>
      <p role="status">{message}</p>
      <LoadStatus error={error} loaded={data !== null} />
      {data && (
        <table className="data-table">
          <caption>{t("pages.agreements.retention.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.agreements.retention.kind")}</th>
              <th scope="col">{t("pages.agreements.retention.rule")}</th>
              <th scope="col">{t("pages.agreements.retention.period")}</th>
            </tr>
          </thead>
          <tbody>
            {data.periods.map((p) => (
              <tr key={p.kind}>
                <th scope="row">{p.kind}</th>
                <td>{p.rule}</td>
                <td>
                  <PeriodForm
                    period={p}
                    onSaved={(saved) => {
                      setMessage(
                        saved.days === null
                          ? t("pages.agreements.retention.savedKeep", { kind: saved.kind })
                          : t("pages.agreements.retention.saved", { kind: saved.kind, days: saved.days }),
                      );
                      reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PeriodForm({
  period,
  onSaved,
}: {
  period: RetentionPeriodView;
  onSaved: (saved: RetentionPeriodView) => void;
}) {
  const { t } = useTranslation();
  const [days, setDays] = useState(period.days === null ? "" : String(period.days));
  const [error, setError] = useState<string | null>(null);
  const id = `retention-${period.kind.replace(/\W/g, "-")}`;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = { days: days.trim() === "" ? null : Number(days) };
    apiRequest(`/retention/${encodeURIComponent(period.kind)}`, {
      method: "PUT",
      body,
      schema: RetentionPeriodView,
    })
      .then(onSaved)
      .catch((e: unknown) => setError(messageOf(e)));
  };
  return (
    <form onSubmit={save}>
      <div className="field">
        <label htmlFor={id}>{t("pages.agreements.retention.days", { kind: period.kind })}</label>
        <input
          id={id}
          type="number"
          min={1}
          max={RETENTION_DAYS_MAX}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <p>
        <small>
          {period.days === null
            ? t("pages.agreements.retention.kept")
            : t("pages.agreements.retention.setBy", { by: period.setBy ?? "", at: period.updatedAt ?? "" })}
        </small>
      </p>
      <div role="alert">{error}</div>
      <button type="submit" className="button-secondary">
        {t("pages.agreements.retention.save")}
      </button>
    </form>
  );
}
