import fs from "node:fs";
import path from "node:path";
import { surveyJsonSchemaText } from "~/surveys/json-schema";

describe("the survey file JSON Schema", () => {
  it("in docs/ is the one the survey format makes now (run npm run survey:schema after changing the format)", () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/survey.schema.json"), "utf8");
    expect(committed).toBe(surveyJsonSchemaText());
  });
});
