import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CatalogList,
  PortalLanguage,
  PreviewResult,
  Publication,
} from "../../../../src/pathways/pathways.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { reloadPathwayLists } from "./pathway-title.ts";
import { useApi } from "./use-api.ts";

/** The nation's pathways: publish or withdraw, and edit one with validation and a preview. */
export function CatalogPanel() {
  const { t, i18n } = useTranslation();
  const lang = PortalLanguage.safeParse(i18n.language).data ?? "en";
  const day = dateFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const { data, error } = useApi("/pathways/catalog", CatalogList);
  const [definition, setDefinition] = useState("");
  const [answers, setAnswers] = useState('{ "nationality": "VEN" }');
  const [preview, setPreview] = useState<ReturnType<typeof PreviewResult.parse> | null>(null);
  const [message, setMessage] = useState("");
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const run = async () => {
    setMessage("");
    try {
      const body = { definition: JSON.parse(definition), answers: JSON.parse(answers), lang };
      setPreview(
        await apiRequest("/pathways/catalog/preview", { method: "POST", body, schema: PreviewResult }),
      );
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  const toggle = async (id: string, published: boolean) => {
    setMessage("");
    // A refusal (another pathway's rules conflict, a missing permission) is shown, never dropped.
    await apiRequest(`/pathways/catalog/${id}/publication`, {
      method: "POST",
      body: { published },
      schema: Publication,
    }).catch((e: Error) => setMessage(t("pages.pathways.error", { message: e.message })));
    reloadPathwayLists();
  };
  return (
    <>
      <table>
        <caption>{t("pages.pathways.catalog")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.pathways.pathway")}</th>
            <th scope="col">{t("pages.pathways.version")}</th>
            <th scope="col">{t("pages.pathways.published")}</th>
          </tr>
        </thead>
        <tbody>
          {data.pathways.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <button type="button" onClick={() => setDefinition(JSON.stringify(p.definition, null, 2))}>
                  {p.titles[lang]}
                </button>
              </th>
              <td>
                {p.version} ({day.format(new Date(`${p.effectiveFrom.slice(0, 10)}T00:00:00Z`))})
              </td>
              <td>
                <button type="button" onClick={() => toggle(p.id, !p.published)}>
                  {p.published ? t("pages.pathways.unpublish") : t("pages.pathways.publish")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("pages.pathways.preview")}</h2>
      <label htmlFor="definition">{t("pages.pathways.definition")}</label>
      <textarea
        id="definition"
        rows={12}
        cols={80}
        value={definition}
        onChange={(e) => setDefinition(e.target.value)}
      />
      <label htmlFor="sample-answers">{t("pages.pathways.sampleAnswers")}</label>
      <textarea
        id="sample-answers"
        rows={3}
        cols={80}
        value={answers}
        onChange={(e) => setAnswers(e.target.value)}
      />
      <button type="button" onClick={run}>
        {t("pages.pathways.run")}
      </button>
      <p role="status">{message}</p>
      {preview && <pre>{JSON.stringify(preview, null, 2)}</pre>}
    </>
  );
}
