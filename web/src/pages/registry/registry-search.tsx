import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { SearchResult } from "../../../../src/registry/registry.contract.ts";
import { Link } from "../../router.tsx";
import { matchReasonText } from "../../ui/match-reason.ts";
import { useLoad } from "./use-registry.ts";

/** Search by name and date of birth; results show their band and why they matched. */
export function RegistrySearch() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ given: "", surname: "", dob: "" });
  const [path, setPath] = useState<string | null>(null);
  const { data, error } = useLoad(path, SearchResult);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ""));
    setPath(`/registry/search?${q.toString()}`);
  };
  const field = (key: keyof typeof form, type = "text") => (
    <label style={{ display: "block" }}>
      {t(`pages.registry.fields.${key}`)}{" "}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section aria-labelledby="registry-search">
      <h2 id="registry-search">{t("pages.registry.tabs.search")}</h2>
      <form onSubmit={submit}>
        {field("given")}
        {field("surname")}
        {field("dob", "date")}
        <button type="submit">{t("pages.registry.searchButton")}</button>
      </form>
      <div role="alert">{error}</div>
      {data && (
        <table>
          <caption>{t("pages.registry.results", { count: data.hits.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.registry.name")}</th>
              <th scope="col">{t("pages.registry.fields.dob")}</th>
              <th scope="col">{t("pages.registry.band")}</th>
              <th scope="col">{t("pages.registry.why")}</th>
            </tr>
          </thead>
          <tbody>
            {data.hits.map((h) => (
              <tr key={h.id}>
                <td>
                  <Link to={`/registry/people/${h.id}`}>{h.name}</Link>
                </td>
                <td>{h.birthDate}</td>
                <td>
                  {t(`pages.registry.bands.${h.band}`)} ({h.score.toFixed(2)})
                </td>
                <td>{h.reasons.map((r) => matchReasonText(r, t)).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
