import enCommon from "../../locales/en/common.json";
import enSurvey from "../../locales/en/survey.json";
import enPages from "../../locales/en/pages.json";
import enStaff from "../../locales/en/staff.json";

/** Every locale file, bundled into the server build so that no path is read at run time. */
export const resources = {
  en: { common: enCommon, survey: enSurvey, pages: enPages, staff: enStaff },
};
