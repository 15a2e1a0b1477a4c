import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { requireCsrf, requireStaff, type Area, type StaffSession } from "../accounts/session.server";
import type { FieldError } from "../components/ErrorSummary";
import { getFixedT } from "../i18n/i18n.server";
import { fieldErrors, formValues } from "./forms";
import { formFailure } from "./http.server";

/** What every /moderate and /admin action gets from a posted form once it is allowed to act. */
export interface StaffForm {
  session: StaffSession;
  t: TFunction;
  values: Record<string, string>;
  form: FormData;
  intent: string | null;
}

/**
 * The one way a staff form is read: the role first, then the CSRF token, and only then the
 * intent, so that no intent can slip past the token check.
 */
export async function readStaffForm(request: Request, area: Area, namespaces: string[] = ["staff", "common"]): Promise<StaffForm> {
  const session = await requireStaff(request, area);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, namespaces);
  const intent = form.get("intent");
  return { session, t, form, values: formValues(form), intent: typeof intent === "string" ? intent : null };
}

/** The one failure shape: 400 with the field errors and what was typed, so nothing is lost. */
export type StaffFormFailure = { errors: FieldError[]; values: Record<string, string> };

/**
 * Parses the values with a schema whose messages are locale keys under `prefix`. Returns the data,
 * or the 400 response the action returns as it is.
 */
export function parseStaffForm<S extends z.ZodType>(
  context: AppLoadContext,
  { values, t }: Pick<StaffForm, "values" | "t">,
  schema: S,
  prefix: string,
): { data: z.infer<S>; failure?: undefined } | { data?: undefined; failure: ReturnType<typeof formFailure<StaffFormFailure>> } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data };
  return { failure: formFailure<StaffFormFailure>(context, { errors: fieldErrors(parsed.error.issues, t, prefix), values }) };
}
