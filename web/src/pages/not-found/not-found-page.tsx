import { useTranslation } from "react-i18next";
import { Link } from "../../router.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";

/** What an address matching no page shows, with a way back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
