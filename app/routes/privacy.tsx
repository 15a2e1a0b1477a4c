import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
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
    title: t("privacy.title"),
    values: { organisation: settings.organisation_name, email: settings.contact_email },
  });
}

export default function Privacy() {
  const { values } = useLoaderData<typeof loader>();
  return (
    <InfoPage
      page="privacy"
      sections={["what", "why", "who", "safety", "keep", "cookies", "rights"]}
      values={values}
    />
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
