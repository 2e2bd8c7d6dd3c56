import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { takeHeadingFocusRequest } from "./heading-focus.ts";

/** The page's one h1; names the browser tab and takes the focus after an in-page navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);

  useEffect(() => {
    if (takeHeadingFocusRequest()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
