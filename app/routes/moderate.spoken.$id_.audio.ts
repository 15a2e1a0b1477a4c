import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordingResponse } from "~/spoken/staff.server";

/** A spoken answer's recording, for the moderation pages' players (app/spoken/staff.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return recordingResponse(request, params.id);
}
