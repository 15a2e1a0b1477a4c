import { publicOrigin } from "~/env.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { openData, toCsv } from "~/publishing/open-data.server";
import { publicFilters } from "~/publishing/public-filters";
import { suppressionThreshold } from "~/settings.server";
import { httpError } from "~/utils/http.server";

/** Open data as CSV: one row per theme statement and per action for a period (?period=). Fields: docs/open-data.md. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const db = getDb();
  const data = await openData(db, lang, publicFilters(request).period, await suppressionThreshold(db), publicOrigin());
  if (!data) httpError(fixedT(lang), 404, "notFound");
  return new Response(toCsv(data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="you-said-we-did-${data.period.id}.csv"`,
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
      "Content-Language": lang,
      // Theme names follow the language cookie or the browser: caches must keep one copy per language.
      Vary: "Cookie, Accept-Language",
    },
  });
}
