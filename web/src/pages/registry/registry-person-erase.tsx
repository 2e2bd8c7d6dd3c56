import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErasureResult } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link } from "../../router.tsx";
import { messageOf } from "./use-registry.ts";

/**
 * Erasing a person on a data subject's request: the reason is required and the officer confirms that it cannot
 * be undone. Afterwards the record and every record merged into it answer "not found"; the audit keeps ids only.
 */
export function RegistryPersonErase({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [erased, setErased] = useState<z.infer<typeof ErasureResult> | null>(null);
  const erase = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    apiRequest(`/registry/people/${id}`, { method: "DELETE", body: { reason }, schema: ErasureResult })
      .then(setErased)
      .catch((e: unknown) => setError(messageOf(e)));
  };
  if (erased)
    return (
      <div role="status">
        <p>{t("pages.registry.erase.done", { records: erased.records, people: erased.erased })}</p>
        <Link to="/registry">{t("pages.registry.erase.back")}</Link>
      </div>
    );
  return (
    <details>
      <summary>{t("pages.registry.erase.open")}</summary>
      <form onSubmit={erase} aria-label={t("pages.registry.erase.form", { name })}>
        <p>{t("pages.registry.erase.explain")}</p>
        <div className="field">
          <label htmlFor="erase-reason">{t("pages.registry.erase.reason")}</label>
          <input
            id="erase-reason"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="field">
          <input id="erase-sure" type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
          <label htmlFor="erase-sure">{t("pages.registry.erase.sure")}</label>
        </div>
        <div role="alert">{error}</div>
        <button type="submit" className="button-danger" disabled={!sure || reason.trim().length < 3}>
          {t("pages.registry.erase.submit")}
        </button>
      </form>
    </details>
  );
}
