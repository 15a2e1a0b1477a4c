import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { keepAlive, requireCsrf, requireStaff, safeRedirect } from "~/accounts/session.server";
import { getDb } from "~/db.server";

/** "Stay signed in": moves the session's idle clock on, in the background or as a plain form. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  await keepAlive(getDb(), session.idHash);
  if ((request.headers.get("Accept") ?? "").startsWith("application/json")) return json({ signedIn: true });
  throw redirect(safeRedirect(String(form.get("redirectTo") ?? "")), 303);
}
