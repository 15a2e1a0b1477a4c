import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InfoPage } from "~/components/InfoPage";
import { infoPageLoader } from "~/utils/info-page.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export const loader = ({ request }: LoaderFunctionArgs) => infoPageLoader(request, "accessibility");

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
