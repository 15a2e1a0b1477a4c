import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InfoPage } from "~/components/InfoPage";
import { infoPageLoader } from "~/utils/info-page.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export const loader = ({ request }: LoaderFunctionArgs) => infoPageLoader(request, "privacy");

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
