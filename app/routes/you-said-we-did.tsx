import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "pages");
  return json({ title: t("ysd.title") });
}

export default function YouSaidWeDid() {
  const { t } = useTranslation("pages");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t("ysd.title")}</h1>
        <p className="govuk-body-l">{t("ysd.lead")}</p>
        <div className="govuk-inset-text">{t("ysd.nothingYet")}</div>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
