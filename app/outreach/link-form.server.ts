import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { outreachKinds } from "../../db/schema";
import type { DB } from "../../db/connection";
import { formFailure } from "../utils/http.server";
import { parseStaffForm, type StaffForm, type StaffFormFailure } from "../utils/staff-form.server";
import { createLink, OutreachLinkError } from "./links.server";

export const NewLinkForm = z.object({
  name: z.string().trim().min(1, { error: "name" }).max(120, { error: "nameTooLong" }),
  kind: z.enum(outreachKinds, { error: "kind" }),
  survey: z.string().trim().min(1, { error: "survey" }),
});

/** Makes the link the form describes; on bad input, the 400 with field errors and what was typed. */
export async function createLinkFromForm(db: DB, context: AppLoadContext, staff: StaffForm) {
  const { data, failure } = parseStaffForm(context, staff, NewLinkForm, "outreach.errors");
  if (failure) return { failure };
  const unknown = () => ({
    failure: formFailure<StaffFormFailure>(context, { errors: [{ field: "survey", message: staff.t("outreach.errors.survey") }], values: staff.values }),
  });
  const survey = await db.selectFrom("surveys").select("id").where("slug", "=", data.survey).where("archived_at", "is", null).executeTakeFirst();
  if (!survey) return unknown();
  try {
    return { link: await createLink(db, { name: data.name, kind: data.kind, surveyId: survey.id }, staff.session.user.id) };
  } catch (error) {
    // Archived between the look and the insert.
    if (error instanceof OutreachLinkError) return unknown();
    throw error;
  }
}
