import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { DB } from "../../db/connection";
import type { PublishedEntity } from "../../db/schema";
import type { Language } from "../i18n/config";
import { isPublished } from "../publishing/publishing.server";
import { pendingRevisions, proposeRevision } from "../publishing/revisions.server";
import { parseStaffForm, type StaffForm } from "../utils/staff-form.server";
import { translationKind } from "./languages";
import { isUnchanged, type SourceText, type TranslatePageData, type Translation } from "./translation";

/** What a translate page works on: one statement or action, one language. */
export interface TranslationTarget {
  entity: PublishedEntity;
  id: number;
  lang: Language;
  /** The texts with their live translation (not one waiting for approval). */
  texts: SourceText[];
  /** The translate page, where the person comes back to with a notice. */
  url: string;
  /** The item's own page. */
  back: string;
  /** The heading's key under staff:, given the language's name. */
  titleKey: string;
  /** What is translated, in English. */
  caption: string;
  /** Where each text's too-long message key lives (staff:actions.errors). */
  errorPrefix: string;
  save: (translation: Translation, userId: number) => Promise<void>;
}

/** One box per text, each taking as much as its English may; a box left out is blank. */
function translationSchema(texts: SourceText[]) {
  return z.object(Object.fromEntries(texts.map((text) => [text.name, z.string().trim().max(text.max, { error: text.tooLong }).default("")])));
}

/**
 * Takes a translation posted on a translate page. A draft's words are saved at once. A published
 * item's are public text like any other change to it, so they wait for a second person (decision
 * 011): one proposal per language, a newer one replacing an older one still waiting.
 */
export async function submitTranslation(db: DB, context: AppLoadContext, staff: StaffForm, target: TranslationTarget) {
  const { data, failure } = parseStaffForm(context, staff, translationSchema(target.texts), target.errorPrefix);
  if (failure) return failure;
  const translation: Translation = { lang: target.lang, texts: data };
  if (isUnchanged(target.texts, translation)) throw redirect(`${target.url}?notice=unchanged`, 303);
  if (await isPublished(db, target.entity, target.id)) {
    await proposeRevision(
      db,
      target.entity,
      target.id,
      { kind: translationKind(target.lang), payload: translation, note: "", correction: false },
      staff.session.user,
    );
    throw redirect(`${target.url}?notice=revisionProposed`, 303);
  }
  await target.save(translation, staff.session.user.id);
  throw redirect(`${target.url}?notice=saved`, 303);
}

/**
 * What the translate page shows: whether the item is public (so a translation waits for a second
 * person), and the words of a translation already waiting, over the live ones, so nothing typed is
 * lost.
 */
export async function translatePageData(db: DB, request: Request, csrf: string, t: TFunction, target: TranslationTarget): Promise<TranslatePageData> {
  const [published, pending] = await Promise.all([isPublished(db, target.entity, target.id), pendingRevisions(db, target.entity, target.id)]);
  const waiting = pending.find((revision) => revision.kind === translationKind(target.lang));
  const words = waiting ? (waiting.change as unknown as Translation).texts : {};
  const language = t(`common:languageNames.${target.lang}`);
  return {
    title: t(target.titleKey, { language }),
    caption: target.caption,
    back: target.back,
    csrf,
    lang: target.lang,
    language,
    published,
    waiting: waiting ? { by: waiting.requested_by_name, at: waiting.requested_at } : null,
    notice: new URL(request.url).searchParams.get("notice"),
    texts: target.texts.map((text) => ({ ...text, current: words[text.name] ?? text.current })),
  };
}
