import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CatalogList, PreviewResult, Publication } from "../../../../src/pathways/pathways.contract.ts";
import { apiRequest } from "../../api.ts";
import { useApi } from "./use-api.ts";

/** The nation's pathways: publish or withdraw, and edit one with validation and a preview. */
export function CatalogPanel() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi("/pathways/catalog", CatalogList);
  const [definition, setDefinition] = useState("");
  const [answers, setAnswers] = useState('{ "nationality": "VEN" }');
  const [preview, setPreview] = useState<ReturnType<typeof PreviewResult.parse> | null>(null);
  const [message, setMessage] = useState("");
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const run = async () => {
    setMessage("");
    try {
      const body = { definition: JSON.parse(definition), answers: JSON.parse(answers), lang: "en" };
      setPreview(
        await apiRequest("/pathways/catalog/preview", { method: "POST", body, schema: PreviewResult }),
      );
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  const toggle = async (id: string, published: boolean) => {
    await apiRequest(`/pathways/catalog/${id}/publication`, {
      method: "POST",
      body: { published },
      schema: Publication,
    }).catch(() => undefined);
    reload();
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
                  {p.title}
                </button>
              </th>
              <td>
                {p.version} ({p.effectiveFrom})
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
