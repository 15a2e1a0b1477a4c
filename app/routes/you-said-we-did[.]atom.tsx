import { publicOrigin } from "~/env.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { actionUpdatesFeed } from "~/publishing/open-data.server";
import { getSettings } from "~/settings.server";

/** An Atom feed of updates to published actions, for feed readers and Local Offer websites. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const db = getDb();
  const { organisation_name: organisation } = await getSettings(db);
  const feed = await actionUpdatesFeed(db, lang, publicOrigin(), fixedT(lang, "pages"), organisation);
  return new Response(feed, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
      Vary: "Cookie, Accept-Language",
    },
  });
}
