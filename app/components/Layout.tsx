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

/**
 * A real button that goes to another page. A link styled as a button cannot be pressed with
 * the Space key without JavaScript; a GET form can. Query parameters become hidden fields.
 */
export function ButtonTo({ to, children, secondary }: { to: string; children: React.ReactNode; secondary?: boolean }) {
  const url = new URL(to, "http://placeholder");
  return (
    <form method="get" action={url.pathname}>
      {[...url.searchParams].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`govuk-button${secondary ? " govuk-button--secondary" : ""}`}>
        {children}
      </button>
    </form>
  );
}
