import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function BackLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="govuk-back-link">
      {t("back")}
    </Link>
  );
}

/** Pages whose heading is the whole point (start, confirmation) use two thirds of the width, as GOV.UK does. */
export function TwoThirds({ children }: { children: React.ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}

export function PageHeading({ children, caption }: { children: React.ReactNode; caption?: React.ReactNode }) {
  return (
    <>
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 className="govuk-heading-l">{children}</h1>
    </>
  );
}
