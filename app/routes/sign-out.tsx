import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/accounts/audit.server";
import { endSession, getSession, requireCsrf } from "~/accounts/session.server";
import { getDb } from "~/db.server";

/** Ends the session on the server, not only in the browser. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) {
    await requireCsrf(request, session, await request.formData());
    await audit(getDb(), { userId: session.user.id, action: "sign_out", entity: "user", entityId: session.user.id });
  }
  throw redirect("/sign-in?signedOut=1", { status: 303, headers: { "Set-Cookie": await endSession(request) } });
}

export async function loader() {
  throw redirect("/sign-in");
}
