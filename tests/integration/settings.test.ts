import { getDb } from "~/db.server";
import * as settings from "~/routes/admin.settings";
import { getSettings } from "~/settings.server";
import { call, readJson } from "../support/remix";
import { createStaff } from "../support/factories";

describe("settings", () => {
  it("saves the organisation, approval rule and setting names, logging the change", async () => {
    const admin = await createStaff(getDb(), "administrator");
    const { response } = await call(settings.action, {
      path: "/admin/settings",
      form: {
        csrf: admin.csrf,
        organisation_name: "Riverside SEND Partnership",
        contact_email: "send@riverside.example",
        quote_approval: "council_and_pcf",
        suppression_threshold: "12",
        setting_names: " Greenfield Primary \r\n\r\nOak Academy ",
        safeguarding_email: "safeguarding@riverside.example",
        children_services_phone: "01632 960 000",
        safeguarding_overdue_days: "2",
        listened_target: "85",
      },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(303);
    expect(await getSettings(getDb())).toMatchObject({
      organisation_name: "Riverside SEND Partnership",
      contact_email: "send@riverside.example",
      quote_approval: "council_and_pcf",
      suppression_threshold: "12",
      setting_names: "Greenfield Primary\nOak Academy",
      safeguarding_email: "safeguarding@riverside.example",
      children_services_phone: "01632 960 000",
      safeguarding_overdue_days: "2",
      listened_target: "85",
    });
    const entry = await getDb().selectFrom("audit_log").select("after").where("action", "=", "settings.update").executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after ?? "{}")).toMatchObject({ quote_approval: "council_and_pcf" });
  });

  it("explains a bad email address and changes nothing", async () => {
    const admin = await createStaff(getDb(), "administrator");
    const before = await getSettings(getDb());
    const { response } = await call(settings.action, {
      path: "/admin/settings",
      form: {
        csrf: admin.csrf,
        organisation_name: "X",
        contact_email: "not an email",
        quote_approval: "two_people",
        suppression_threshold: "3",
        setting_names: "",
      },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      errors: [{ field: "contact_email" }, { field: "suppression_threshold" }],
      values: { contact_email: "not an email" },
    });
    expect(await getSettings(getDb())).toEqual(before);
  });
});
