import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/Layout";
import { Listen } from "~/components/Listen";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { MethodNote, ThemeSection, usePublicFormat } from "~/publishing/PublicParts";
import { publicFilters, publicHeaders } from "~/publishing/public-filters";
import { youSaidWeDid } from "~/publishing/public.server";
import { suppressionThreshold } from "~/settings.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/** One theme's "You said" and "We did" for a period: a page to link to from a newsletter or committee paper. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const db = getDb();
  const { period } = publicFilters(request);
  const data = await youSaidWeDid(db, lang, { period, theme: params.slug }, await suppressionThreshold(db));
  const section = "overview" in data ? data.sections?.[0] : undefined;
  if (!data.period || !section) httpError(fixedT(lang), 404, "notFound");
  return json(
    { title: `${section.name}: ${data.period.name}`, lang, section, period: data.period, threshold: data.threshold, lastUpdated: data.lastUpdated },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export { publicHeaders as headers };

export default function ThemePage() {
  const data = useLoaderData<typeof loader>();
  const format = usePublicFormat(data.lang, data.threshold);
  return (
    <>
      <BackLink to={`/you-said-we-did?period=${data.period.slug}`} />
      <p className="govuk-caption-l" {...format.other(data.period.nameLang)}>
        {data.period.name}
      </p>
      <Listen read="page" />
      <ThemeSection section={data.section} format={format} level={1} periodSlug={data.period.slug} />
      <MethodNote threshold={data.threshold} lastUpdated={data.lastUpdated} format={format} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
