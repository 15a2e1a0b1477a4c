import { z } from "zod";
import { supportedLanguages } from "../i18n/config";

/** Names and descriptions for every interface language; English is required, others optional. */
export function readThemeTexts(form: FormData) {
  const texts = supportedLanguages.map((lang) => ({
    lang,
    name: String(form.get(`name_${lang}`) ?? "").trim(),
    description: String(form.get(`description_${lang}`) ?? "").trim() || null,
  }));
  const errors: { field: string; message: string }[] = [];
  for (const text of texts) {
    if (text.lang === "en" && !text.name) errors.push({ field: `name_${text.lang}`, message: "name" });
    if (text.name.length > 120) errors.push({ field: `name_${text.lang}`, message: "nameTooLong" });
    if ((text.description?.length ?? 0) > 600) errors.push({ field: `description_${text.lang}`, message: "descriptionTooLong" });
  }
  return { texts: texts.filter((text) => text.name), errors };
}

export const ThemeSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "slug" })
  .max(80, { error: "slug" });
