import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InfoPage } from "~/components/InfoPage";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { getSettings } from "~/settings.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "pages");
  const settings = await getSettings(getDb());
  return json({
    title: t("accessibility.title"),
    values: { organisation: settings.organisation_name, email: settings.contact_email },
  });
}

const aimItems = ["item1", "item2", "item3", "item4", "item5"];

export default function Accessibility() {
  const { values } = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  return (
    <InfoPage page="accessibility" sections={["aims", "status", "feedback", "enforcement", "prepared"]} values={values}>
      {(section) =>
        section === "aims" ? (
          <ul className="govuk-list govuk-list--bullet">
            {aimItems.map((item) => (
              <li key={item}>{t(`accessibility.aimItems.${item}`)}</li>
            ))}
          </ul>
        ) : null
      }
    </InfoPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
