import { getDb } from "~/db.server";
import { createPeriod } from "~/actions/periods.server";
import * as actionPage from "~/routes/moderate.actions.$id";
import * as translateAction from "~/routes/moderate.actions.$id_.translate.$lang";
import * as actionList from "~/routes/moderate.actions._index";
import * as newAction from "~/routes/moderate.actions.new";
import * as statementPage from "~/routes/moderate.statements.$id";
import * as translateStatement from "~/routes/moderate.statements.$id_.translate.$lang";
import * as statementList from "~/routes/moderate.statements._index";
import * as newStatement from "~/routes/moderate.statements.new";
import * as publicActionPage from "~/routes/you-said-we-did.actions.$id";
import * as publicPage from "~/routes/you-said-we-did._index";
import * as jsonExport from "~/routes/you-said-we-did[.]json";
import { missingLanguages, translationLanguages, type LanguageProgress } from "~/translations/languages";
import { call, readJson } from "../support/remix";
import { createStaff } from "../support/factories";
import { langOf, renderPage } from "../support/render";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
const as = (person: Person) => ({ Cookie: person.cookie });

async function draftAction(author: Person) {
  const form = {
    csrf: author.csrf,
    title: "Reply to every email within 5 working days",
    description: "Families told us nobody replies. Each family now has a named case officer.",
    owner: "SEND casework team",
    partner: "council",
    "due_on-day": "31",
    "due_on-month": "3",
    "due_on-year": "2027",
    measure: "90% of emails answered within 5 working days",
    theme: ["4"],
  };
  const { response } = await call(newAction.action, { path: "/moderate/actions/new", form, headers: as(author) });
  expect(response.status).toBe(303);
  const id = Number(response.headers.get("Location")?.match(/actions\/(\d+)/)?.[1]);
  const update = { intent: "update", body: "Two more case officers started.", "update_on-day": "20", "update_on-month": "11", "update_on-year": "2026" };
  expect((await postAction(author, id, update)).response.status).toBe(303);
  return id;
}

const postAction = (person: Person, id: number, form: Record<string, string>) =>
  call(actionPage.action, { path: `/moderate/actions/${id}`, params: { id: String(id) }, form: { csrf: person.csrf, ...form }, headers: as(person) });

const translate = (
  module: typeof translateAction | typeof translateStatement,
  kind: "actions" | "statements",
  person: Person,
  id: number,
  lang: string,
  form: Record<string, string>,
) =>
  call(module.action, {
    path: `/moderate/${kind}/${id}/translate/${lang}`,
    params: { id: String(id), lang },
    form: { csrf: person.csrf, ...form },
    headers: as(person),
  });

const translatePage = async (
  module: typeof translateAction | typeof translateStatement,
  kind: "actions" | "statements",
  person: Person,
  id: number,
  lang: string,
) =>
  readJson<{ published: boolean; waiting: { by: string } | null; texts: { name: string; english: string; current: string }[] }>(
    (await call(module.loader, { path: `/moderate/${kind}/${id}/translate/${lang}`, params: { id: String(id), lang }, headers: as(person) })).response,
  );

async function actionProgress(person: Person, id: number) {
  const list = await readJson<{ actions: { id: number; translations: LanguageProgress[] }[] }>(
    (await call(actionList.loader, { path: "/moderate/actions", headers: as(person) })).response,
  );
  return list.actions.find((action) => action.id === id)!.translations;
}

describe("staff-written text in every language", () => {
  it("counts an item missing in every language but English, Easy Read included, until each text is translated", async () => {
    const author = await createStaff(db(), "moderator");
    const id = await draftAction(author);
    const progress = await actionProgress(author, id);
    expect(translationLanguages).toHaveLength(11);
    expect(progress.map((language) => language.lang)).toContain("en-x-easyread");
    expect(missingLanguages(progress)).toHaveLength(11);
    // Title, description, measure and the one update: four texts to translate into each language.
    expect(progress.find((language) => language.lang === "pl")).toEqual({ lang: "pl", done: 0, total: 4 });

    const texts = (await translatePage(translateAction, "actions", author, id, "pl")).texts;
    expect(texts.map((text) => text.name)).toEqual(["title", "description", "measure", expect.stringMatching(/^update-\d+$/)]);
    const update = texts[3].name;
    expect(
      (
        await translate(translateAction, "actions", author, id, "pl", {
          title: "Odpowiedź na każdy e-mail w ciągu 5 dni roboczych",
          description: "",
          measure: "",
          [update]: "",
        })
      ).response.status,
    ).toBe(303);
    expect((await actionProgress(author, id)).find((language) => language.lang === "pl")).toEqual({ lang: "pl", done: 1, total: 4 });
    expect(missingLanguages(await actionProgress(author, id))).toHaveLength(11);

    await translate(translateAction, "actions", author, id, "pl", {
      title: "Odpowiedź na każdy e-mail w ciągu 5 dni roboczych",
      description: "Rodziny mówiły nam, że nikt nie odpowiada.",
      measure: "90% e-maili z odpowiedzią w ciągu 5 dni roboczych",
      [update]: "Zaczęło pracę dwóch kolejnych opiekunów spraw.",
    });
    expect(missingLanguages(await actionProgress(author, id))).toHaveLength(10);
    // A new update is one more text to translate: Polish is missing again until it is.
    await postAction(author, id, {
      intent: "update",
      body: "Half of emails answered in time.",
      "update_on-day": "1",
      "update_on-month": "12",
      "update_on-year": "2026",
    });
    expect((await actionProgress(author, id)).find((language) => language.lang === "pl")).toEqual({ lang: "pl", done: 4, total: 5 });
  });

  it("shows a draft action's translation on its public page in Polish, and what is not translated in English marked lang=en", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator", "pcf")];
    const id = await draftAction(author);
    const page = await translatePage(translateAction, "actions", author, id, "pl");
    expect(page.published).toBe(false);
    const update = page.texts.find((text) => text.name.startsWith("update-"))!.name;
    // A draft saves at once: no second person needed before it is public.
    const saved = await translate(translateAction, "actions", author, id, "pl", {
      title: "Odpowiedź na każdy e-mail w ciągu 5 dni roboczych",
      description: "Rodziny mówiły nam, że nikt nie odpowiada.",
      measure: "",
      [update]: "Zaczęło pracę dwóch kolejnych opiekunów spraw.",
    });
    expect(saved.response.headers.get("Location")).toBe(`/moderate/actions/${id}/translate/pl?notice=saved`);
    expect(await db().selectFrom("revisions").select("id").where("entity", "=", "action").where("entity_id", "=", id).execute()).toEqual([]);
    expect((await postAction(author, id, { intent: "publish-request" })).response.status).toBe(303);
    expect((await postAction(second, id, { intent: "publish-approve" })).response.status).toBe(303);

    const data = await readJson<{ action: { title: string; measure: string; langs: Record<string, string>; updates: { body: string; lang: string }[] } }>(
      (await call(publicActionPage.loader, { path: `/you-said-we-did/actions/${id}?lng=pl`, params: { id: String(id) } })).response,
    );
    expect(data.action).toMatchObject({ title: "Odpowiedź na każdy e-mail w ciągu 5 dni roboczych", measure: "90% of emails answered within 5 working days" });
    expect(data.action.langs).toMatchObject({ title: "pl", description: "pl", measure: "en" });
    expect(data.action.updates).toEqual([{ id: expect.any(Number), body: "Zaczęło pracę dwóch kolejnych opiekunów spraw.", on: "2026-11-20", lang: "pl" }]);

    const document = await renderPage(publicActionPage, "/you-said-we-did/actions/:id", `/you-said-we-did/actions/${id}?lng=pl`, "pl");
    const heading = document.querySelector("h1")!;
    expect(heading.textContent).toBe("Odpowiedź na każdy e-mail w ciągu 5 dni roboczych");
    // Polish on a Polish page needs no lang of its own; the English it falls back to says it is English.
    expect(heading.hasAttribute("lang")).toBe(false);
    expect(langOf(heading)).toBe("pl");
    const measure = [...document.querySelectorAll("dd")].find((dd) => dd.textContent === "90% of emails answered within 5 working days")!;
    expect(measure.getAttribute("lang")).toBe("en");
    const timeline = document.querySelector(".app-timeline p")!;
    expect(timeline.textContent).toBe("Zaczęło pracę dwóch kolejnych opiekunów spraw.");
    expect(langOf(timeline)).toBe("pl");
    // The owner is a team's name, kept in English.
    expect(langOf(document.querySelector(".app-action-facts dd span"))).toBe("en");

    // In a language with no translation at all, everything is the English, marked as such.
    const urdu = await renderPage(publicActionPage, "/you-said-we-did/actions/:id", `/you-said-we-did/actions/${id}?lng=ur`, "ur");
    expect(urdu.querySelector("h1")!.getAttribute("lang")).toBe("en");
    expect(urdu.querySelector("h1")!.getAttribute("dir")).toBe("ltr");
    // Easy Read readers get the English: it is English to a screen reader, so no lang is needed.
    const easyRead = await renderPage(publicActionPage, "/you-said-we-did/actions/:id", `/you-said-we-did/actions/${id}?lng=en-x-easyread`, "en-x-easyread");
    expect(easyRead.querySelector("h1")!.hasAttribute("lang")).toBe(false);
  });

  it("holds a translation of a published statement for a second person, then shows it to readers of that language", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator", "pcf")];
    const admin = await createStaff(db(), "administrator");
    const period = await createPeriod(db(), { slug: "translated-2011", name: "2011", startsOn: "2011-01-01", endsOn: "2011-12-31" }, admin.id);
    const created = await call(newStatement.action, {
      path: `/moderate/statements/new?theme=4&period=${period}`,
      form: { csrf: author.csrf, summary: "Families told us nobody replies to emails." },
      headers: as(author),
    });
    const id = Number(created.response.headers.get("Location")?.match(/statements\/(\d+)/)?.[1]);
    const act = (person: Person, form: Record<string, string>) =>
      call(statementPage.action, { path: `/moderate/statements/${id}`, params: { id: String(id) }, form: { csrf: person.csrf, ...form }, headers: as(person) });
    await act(author, { intent: "publish-request" });
    await act(second, { intent: "publish-approve" });
    const publicSummary = async () => {
      const data = await readJson<{ sections: { summary: string; summaryLang: string }[] }>(
        (await call(publicPage.loader, { path: "/you-said-we-did?period=translated-2011&lng=pl" })).response,
      );
      return data.sections[0];
    };

    const proposed = await translate(translateStatement, "statements", author, id, "pl", { summary: "Rodziny mówiły nam, że nikt nie odpowiada na e-maile." });
    expect(proposed.response.headers.get("Location")).toBe(`/moderate/statements/${id}/translate/pl?notice=revisionProposed`);
    // Nothing is public yet: Polish readers still get the approved English, marked as English.
    expect(await publicSummary()).toMatchObject({ summary: "Families told us nobody replies to emails.", summaryLang: "en" });
    expect(await db().selectFrom("statement_texts").select("lang").where("statement_id", "=", id).execute()).toEqual([{ lang: "en" }]);
    // The translator sees their words waiting, and the statement's page lists Polish as waiting.
    const page = await translatePage(translateStatement, "statements", author, id, "pl");
    expect(page).toMatchObject({
      published: true,
      waiting: { by: expect.any(String) },
      texts: [{ name: "summary", current: "Rodziny mówiły nam, że nikt nie odpowiada na e-maile." }],
    });
    const detail = await readJson<{ revisions: { id: number; kind: string }[]; translations: { waiting: string[] } }>(
      (await call(statementPage.loader, { path: `/moderate/statements/${id}`, params: { id: String(id) }, headers: as(author) })).response,
    );
    expect(detail.translations.waiting).toEqual(["pl"]);
    const [revision] = detail.revisions;
    expect(revision.kind).toBe("translation:pl");

    // One person alone cannot publish words.
    const own = await act(author, { intent: "revision-approve", revision: String(revision.id) });
    expect(own.response.status).toBe(400);
    expect(await readJson(own.response)).toMatchObject({ errors: [{ message: "You asked for this to be published, so someone else must publish it" }] });
    expect((await publicSummary()).summaryLang).toBe("en");

    expect((await act(second, { intent: "revision-approve", revision: String(revision.id) })).response.status).toBe(303);
    expect(await publicSummary()).toEqual(expect.objectContaining({ summary: "Rodziny mówiły nam, że nikt nie odpowiada na e-maile.", summaryLang: "pl" }));
    const json = await (await call(jsonExport.loader, { path: "/you-said-we-did.json?period=translated-2011&lng=pl" })).response.json();
    expect(json.themes[0]).toMatchObject({ youSaid: "Rodziny mówiły nam, że nikt nie odpowiada na e-maile.", youSaidLanguage: "pl" });
    // Adding a translation is not a correction of what was published.
    expect(await db().selectFrom("corrections").select("id").where("entity", "=", "statement").where("entity_id", "=", id).execute()).toEqual([]);
    const list = await readJson<{ rows: { statement: { id: number; translations: LanguageProgress[] } | null }[] }>(
      (await call(statementList.loader, { path: `/moderate/statements?period=${period}`, headers: as(author) })).response,
    );
    expect(missingLanguages(list.rows.find((row) => row.statement?.id === id)!.statement!.translations)).toHaveLength(10);
  });

  it("keeps what was typed when a translation is too long, and forgets a translation when the English it follows changes", async () => {
    const author = await createStaff(db(), "moderator");
    const id = await draftAction(author);
    const { texts } = await translatePage(translateAction, "actions", author, id, "ro");
    const tooLong = "a".repeat(201);
    const refused = await translate(translateAction, "actions", author, id, "ro", {
      title: tooLong,
      description: "Familiile ne-au spus că nimeni nu răspunde.",
    });
    expect(refused.response.status).toBe(400);
    expect(await readJson(refused.response)).toEqual({
      errors: [{ field: "title", message: "The title must be 200 characters or fewer" }],
      values: { title: tooLong, description: "Familiile ne-au spus că nimeni nu răspunde." },
    });
    expect(await db().selectFrom("action_texts").select("lang").where("action_id", "=", id).execute()).toEqual([{ lang: "en" }]);

    await translate(translateAction, "actions", author, id, "ro", {
      title: "Răspuns la fiecare e-mail în 5 zile lucrătoare",
      description: "Familiile ne-au spus că nimeni nu răspunde.",
    });
    const english = Object.fromEntries(texts.map((text) => [text.name, text.english]));
    // A new English title: the Romanian one said the old thing, so it goes; the description stays.
    const changed = await postAction(author, id, {
      intent: "details",
      version: "1",
      title: "Reply to every email within 3 working days",
      description: english.description,
      owner: "SEND casework team",
      partner: "council",
      "due_on-day": "31",
      "due_on-month": "3",
      "due_on-year": "2027",
      measure: english.measure,
      theme: "4",
    });
    expect(changed.response.status).toBe(303);
    const romanian = await db()
      .selectFrom("action_texts")
      .select(["title", "description"])
      .where("action_id", "=", id)
      .where("lang", "=", "ro")
      .executeTakeFirstOrThrow();
    expect(romanian).toEqual({ title: "", description: "Familiile ne-au spus că nimeni nu răspunde." });
  });
});
