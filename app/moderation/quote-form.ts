import { z } from "zod";

/** The quote form, shared by "make" and "change". Messages are keys under staff:quotes.errors. */
export const QuoteForm = z.object({
  text: z.string().trim().min(1, { error: "textEmpty" }).max(1200, { error: "textTooLong" }),
  theme: z.array(z.coerce.number().int().positive()),
  /** English beside a quote in another language; empty means none. */
  translation: z
    .string()
    .trim()
    .max(1200, { error: "translationTooLong" })
    .transform((value) => value || null),
});

export function readQuoteForm(form: FormData) {
  return QuoteForm.safeParse({ text: form.get("text") ?? "", theme: form.getAll("theme"), translation: form.get("translation") ?? "" });
}

/** What the person typed, to show again after a failed save. */
export function quoteFormValues(form: FormData) {
  return { text: String(form.get("text") ?? ""), themeIds: form.getAll("theme").map(String), translation: String(form.get("translation") ?? "") };
}

/** The field a validation problem belongs to, and its message key under staff:quotes.errors. */
export function quoteFormError(error: z.ZodError) {
  const issue = error.issues[0];
  return { field: issue.path[0] === "translation" ? "translation" : "text", key: issue.message };
}
