import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/accounts/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "admin");
  throw redirect("/admin/users");
}
