import { useTranslation } from "react-i18next";

/** What a section shows while its data loads: the error in an alert, or "Loading" while nothing has come. */
export function LoadStatus({ error, loaded }: { error: string | null; loaded: boolean }) {
  const { t } = useTranslation();
  if (error)
    return (
      <p role="alert" className="alert">
        {error}
      </p>
    );
  return loaded ? null : <p aria-busy="true">{t("loading")}</p>;
}
