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
