import { z } from "zod";

export const roleValues = ["moderator", "safeguarding_lead", "administrator", "supporter"] as const;
export const organisationValues = ["council", "pcf", "other"] as const;

/** The add-user form. Messages are keys under staff:users.errors. */
export const NewUserForm = z.object({
  name: z.string().trim().min(1, { error: "name" }).max(200, { error: "name" }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "email" })),
  role: z.enum(roleValues, { error: "role" }),
  organisation: z.enum(organisationValues, { error: "organisation" }),
  password: z.string(),
});

export const ChangeUserForm = z.object({
  role: z.enum(roleValues, { error: "role" }),
  organisation: z.enum(organisationValues, { error: "organisation" }),
  disabled: z.literal("1").optional(),
});
