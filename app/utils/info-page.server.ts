import { json } from "@remix-run/node";
import { getDb } from "../db.server";
import { getFixedT } from "../i18n/i18n.server";
import { getSettings } from "../settings.server";

/** The privacy notice and accessibility statement: a title, and the organisation's name and address. */
export async function infoPageLoader(request: Request, page: "privacy" | "accessibility") {
  const t = await getFixedT(request, "pages");
  const settings = await getSettings(getDb());
  return json({
    title: t(`${page}.title`),
    values: { organisation: settings.organisation_name, email: settings.contact_email },
  });
}
