import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { choiceQuery, readExportChoice } from "~/exports/choice.server";
import { exportDownload } from "~/exports/download.server";
import { readStaffForm } from "~/utils/staff-form.server";

/**
 * The file itself. A download writes to the audit log, so it is a post carrying the CSRF token, never
 * a link another site could make a signed-in browser follow (docs/decisions/016-exports.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  throw redirect("/moderate/exports");
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, t, values } = await readStaffForm(request, "moderate", ["exports", "staff", "common"]);
  const db = getDb();
  const read = await readExportChoice(db, values, t, session.user.role);
  // The page says what is wrong, with status 400 and what was chosen still there; no file is made.
  if ("errors" in read) throw redirect(`/moderate/exports?${choiceQuery(values)}`, 303);
  return exportDownload(db, read.choice, session.user.id, request.signal);
}
