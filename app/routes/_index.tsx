import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "pages");
  return json({ title: t("home.title") });
}

const sections = [
  { key: "surveys", to: "/surveys" },
  { key: "ysd", to: "/you-said-we-did" },
  { key: "resume", to: "/resume" },
  { key: "feedback", to: "/my-feedback" },
] as const;

export default function Home() {
  const { t } = useTranslation("pages");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t("home.title")}</h1>
        <p className="govuk-body-l">{t("home.lead")}</p>
        {sections.map((section) => (
          <section key={section.key} className="app-home-section" aria-labelledby={`${section.key}-heading`}>
            <h2 className="govuk-heading-m" id={`${section.key}-heading`}>
              {t(`home.${section.key}Heading`)}
            </h2>
            <p className="govuk-body">{t(`home.${section.key}Body`)}</p>
            <p className="govuk-body">
              <Link className="govuk-link govuk-!-font-weight-bold" to={section.to}>
                {t(`home.${section.key}Link`)}
              </Link>
            </p>
          </section>
        ))}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
