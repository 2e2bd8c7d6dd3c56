import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { SearchResult } from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";

const TYPES = ["phone", "account", "plate", "handle", "safehouse", "address", "alias", "person"] as const;

/** Finds an identifier in any spelling (the server normalises phones to E.164). */
export function SearchPanel({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<string>("phone");
  const [value, setValue] = useState("");
  const [result, setResult] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError("");
    const query = new URLSearchParams({ type, value });
    apiRequest(`/networks/search?${query}`, { schema: SearchResult }).then(
      (found) => {
        setResult(found);
        if (found.matches[0]) onOpen(found.matches[0].id);
      },
      (e: Error) => setError(e.message),
    );
  };
  return (
    <section aria-labelledby="networks-search">
      <h2 id="networks-search">{t("pages.networks.search.title")}</h2>
      <form onSubmit={submit} className="networks-search">
        <div className="field">
          <label htmlFor="networks-type">{t("pages.networks.search.type")}</label>
          <select id="networks-type" value={type} onChange={(e) => setType(e.target.value)}>
            {TYPES.map((name) => (
              <option key={name} value={name}>
                {t(`pages.networks.types.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="networks-value">{t("pages.networks.search.value")}</label>
          <input id="networks-value" value={value} required onChange={(e) => setValue(e.target.value)} />
        </div>
        <button type="submit" className="button-primary">
          {t("pages.networks.search.submit")}
        </button>
      </form>
      {error && <p className="alert">{error}</p>}
      {result && result.matches.length === 0 && (
        <p className="alert alert-empty">{t("pages.networks.search.none")}</p>
      )}
    </section>
  );
}

type SearchAnswer = z.infer<typeof SearchResult>;
