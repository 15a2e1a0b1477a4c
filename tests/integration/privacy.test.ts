import { supportedLanguages } from "~/i18n/config";
import { getDb } from "~/db.server";
import * as privacy from "~/routes/privacy";
import * as settings from "~/routes/admin.settings";
import { getSettings, saveSettings } from "~/settings.server";
import { call, readJson } from "../support/remix";
import { createStaff } from "../support/factories";
import { renderPage } from "../support/render";

const db = () => getDb();
const render = (lang: string) => renderPage(privacy, "/privacy", `/privacy?lng=${lang}`, lang);
const text = (document: Document) => document.body.textContent?.replace(/\s+/g, " ") ?? "";

const required = {
  organisation_name: "Riverside SEND Partnership",
  contact_email: "send@riverside.example",
  quote_approval: "two_people",
  suppression_threshold: "10",
  setting_names: "",
};

async function saveSettingsForm(cookie: string, csrf: string, fields: Record<string, string>) {
  return call(settings.action, { path: "/admin/settings", form: { csrf, ...required, ...fields }, headers: { Cookie: cookie } });
}

describe("the privacy notice", () => {
  it("before set-up, tells people to contact the organisation wherever a setting is missing, never leaving a blank", async () => {
    const admin = await createStaff(db(), "administrator");
    await saveSettingsForm(admin.cookie, admin.csrf, {});
    const page = text(await render("en"));
    expect(page).toContain(
      "To find out which organisation is the data controller, responsible for your information under data protection law, contact Riverside SEND Partnership at send@riverside.example.",
    );
    expect(page).toContain("To contact the data protection officer, email send@riverside.example and we will pass your message on.");
    expect(page).toContain(
      "To find out the lawful basis for using your answers (UK GDPR Article 6(1)), contact Riverside SEND Partnership at send@riverside.example.",
    );
    expect(page).toContain("Kept for 24 months after you sent it, then removed");
    expect(page).toContain("Kept for 30 days after you last changed them, then deleted");
    expect(page).toContain("Kept for 6 years, then deleted");
    expect(page).toContain("Figures about fewer than 10 people are never published.");
    expect(page).not.toContain("Backup copies");

    const staffPage = await readJson<{ missing: string[] }>(
      (await call(settings.loader, { path: "/admin/settings", headers: { Cookie: admin.cookie } })).response,
    );
    expect(staffPage.missing).toEqual(["controller_name", "dpo_contact", "lawful_basis"]);
  });

  it("names the controller, the DPO and the lawful basis once set up, with the retention periods, in the reader's language", async () => {
    const admin = await createStaff(db(), "administrator");
    const { response } = await saveSettingsForm(admin.cookie, admin.csrf, {
      controller_name: "Riverside Borough Council",
      dpo_contact: "dpo@riverside.example",
      lawful_basis: "public_task",
      backup_nightly: "on",
    });
    expect(response.status).toBe(303);
    expect(await getSettings(db())).toMatchObject({
      controller_name: "Riverside Borough Council",
      dpo_contact: "dpo@riverside.example",
      lawful_basis: "public_task",
      backup_nightly: "on",
    });

    const english = text(await render("en"));
    expect(english).toContain(
      "The data controller, the organisation responsible for your information under data protection law, is Riverside Borough Council.",
    );
    expect(english).toContain("You can contact its data protection officer: dpo@riverside.example.");
    expect(english).toContain("Our lawful basis is public task (UK GDPR Article 6(1)(e))");
    expect(english).toContain("Each kept for 7 days, then replaced by a newer one");
    expect(english).not.toContain("To find out");

    const polish = text(await render("pl"));
    expect(polish).toContain("jest Riverside Borough Council.");
    expect(polish).toContain("Przechowywane przez 24 miesiące od wysłania, potem usuwane");
    expect(polish).toContain("Naszą podstawą prawną jest wykonywanie zadania publicznego");

    const staffPage = await readJson<{ missing: string[] }>(
      (await call(settings.loader, { path: "/admin/settings", headers: { Cookie: admin.cookie } })).response,
    );
    expect(staffPage.missing).toEqual([]);
  });

  it("describes asking for deletion and links to the page that does it, in every language", async () => {
    for (const lang of supportedLanguages) {
      const document = await render(lang);
      const link = document.querySelector('a[href="/my-feedback"]');
      expect(link?.textContent, lang).toBeTruthy();
      expect(text(document), lang).not.toMatch(/\{\{|\}\}/);
      const emptyParts = [...document.querySelectorAll("p, li, dt, dd, h1, h2")].filter((element) => !element.textContent?.trim());
      expect(emptyParts, lang).toEqual([]);
    }
  });

  it("refuses a lawful basis that is not on the list, changing nothing", async () => {
    const admin = await createStaff(db(), "administrator");
    const before = await getSettings(db());
    const { response } = await saveSettingsForm(admin.cookie, admin.csrf, { lawful_basis: "contract", controller_name: "x".repeat(201) });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      errors: [
        { field: "controller_name", message: "The data controller must be 200 characters or fewer" },
        { field: "lawful_basis", message: "Choose a lawful basis from the list" },
      ],
      values: { lawful_basis: "contract" },
    });
    expect(await getSettings(db())).toEqual(before);
  });

  it("keeps the other settings when only some are saved", async () => {
    await saveSettings(db(), { retention_text_months: "18" });
    expect((await getSettings(db())).controller_name).toBe("Riverside Borough Council");
    const page = text(await render("en"));
    expect(page).toContain("Kept for 18 months after you sent it, then removed");
    await saveSettings(db(), { retention_text_months: "24" });
  });
});
