import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { serializeArrival } from "~/outreach/arrival.server";
import { findLinkByCode } from "~/outreach/links.server";
import { httpError } from "~/utils/http.server";

export const handle = { i18n: ["common"] };

/**
 * The short address on a poster or card: opens the survey's start page. A live link goes with the
 * person (a cookie the start reads); a paused one still opens the survey, and records nothing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await findLinkByCode(getDb(), params.code ?? "");
  if (!link) httpError(await getFixedT(request, "common"), 404, "linkNotFound");
  const headers: HeadersInit = link.paused_at === null ? { "Set-Cookie": await serializeArrival(link.slug, link.id) } : {};
  throw redirect(`/surveys/${link.slug}`, { status: 303, headers });
}

/** Never shown: the loader always redirects or fails. A page component lets the error page render in the layout. */
export default function ShortAddress() {
  return null;
}
