import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getFixedT } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** Every administration page, with the staff bar's words for each. */
const pages = [
  { to: "/admin/users", label: "nav.users" },
  { to: "/admin/themes", label: "nav.themes" },
  { to: "/admin/surveys", label: "nav.surveys" },
  { to: "/admin/periods", label: "nav.periods" },
  { to: "/admin/population", label: "nav.population" },
  { to: "/admin/safeguarding-phrases", label: "nav.phrases" },
  { to: "/admin/settings", label: "nav.settings" },
  { to: "/admin/retention", label: "admin.retention" },
  { to: "/admin/audit", label: "nav.audit" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({ title: t("admin.title") });
}

export default function Administration() {
  const { title } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{t("admin.lead")}</p>
      <ul className="govuk-list govuk-list--spaced">
        {pages.map((page) => (
          <li key={page.to}>
            <Link className="govuk-link" to={page.to}>
              {t(page.label)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
