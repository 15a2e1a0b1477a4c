import { z } from "zod";
import { audiences, supportKinds } from "../../db/schema";

/** The fields of "I am helping someone answer", in the order the page shows them. Messages are keys under staff:support.errors. */
export const supportFields = ["consent", "kind", "language", "lang", "audience"] as const;

export const SupportStartForm = z.object({
  consent: z.literal("yes", { error: "consent" }),
  kind: z.enum(supportKinds, { error: "kind" }),
  // The language a supporter interprets from, as they name it ("Polish", "Sylheti"): free text, since no list has them all.
  language: z.string().trim().max(60, { error: "languageLong" }).optional(),
  lang: z.string({ error: "lang" }).min(1, { error: "lang" }),
  audience: z.enum(audiences, { error: "audience" }).optional(),
});
export type SupportStart = z.infer<typeof SupportStartForm>;
