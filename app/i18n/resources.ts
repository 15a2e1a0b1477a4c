import enCommon from "../../locales/en/common.json";
import enSurvey from "../../locales/en/survey.json";
import enPages from "../../locales/en/pages.json";
import enStaff from "../../locales/en/staff.json";
import enXeasyreadCommon from "../../locales/en-x-easyread/common.json";
import enXeasyreadSurvey from "../../locales/en-x-easyread/survey.json";
import enXeasyreadPages from "../../locales/en-x-easyread/pages.json";
import plCommon from "../../locales/pl/common.json";
import plSurvey from "../../locales/pl/survey.json";
import plPages from "../../locales/pl/pages.json";
import plStaff from "../../locales/pl/staff.json";
import roCommon from "../../locales/ro/common.json";
import roSurvey from "../../locales/ro/survey.json";
import roPages from "../../locales/ro/pages.json";
import roStaff from "../../locales/ro/staff.json";
import paCommon from "../../locales/pa/common.json";
import paSurvey from "../../locales/pa/survey.json";
import paPages from "../../locales/pa/pages.json";
import paStaff from "../../locales/pa/staff.json";
import urCommon from "../../locales/ur/common.json";
import urSurvey from "../../locales/ur/survey.json";
import urPages from "../../locales/ur/pages.json";
import urStaff from "../../locales/ur/staff.json";
import ptCommon from "../../locales/pt/common.json";
import ptSurvey from "../../locales/pt/survey.json";
import ptPages from "../../locales/pt/pages.json";
import ptStaff from "../../locales/pt/staff.json";
import esCommon from "../../locales/es/common.json";
import esSurvey from "../../locales/es/survey.json";
import esPages from "../../locales/es/pages.json";
import esStaff from "../../locales/es/staff.json";
import arCommon from "../../locales/ar/common.json";
import arSurvey from "../../locales/ar/survey.json";
import arPages from "../../locales/ar/pages.json";
import arStaff from "../../locales/ar/staff.json";
import bnCommon from "../../locales/bn/common.json";
import bnSurvey from "../../locales/bn/survey.json";
import bnPages from "../../locales/bn/pages.json";
import bnStaff from "../../locales/bn/staff.json";
import guCommon from "../../locales/gu/common.json";
import guSurvey from "../../locales/gu/survey.json";
import guPages from "../../locales/gu/pages.json";
import guStaff from "../../locales/gu/staff.json";
import itCommon from "../../locales/it/common.json";
import itSurvey from "../../locales/it/survey.json";
import itPages from "../../locales/it/pages.json";
import itStaff from "../../locales/it/staff.json";

/**
 * Every locale file, bundled into the server build so that no path is read at run time.
 * Easy Read has no staff namespace: staff screens in Easy Read fall back to standard English.
 */
export const resources = {
  en: { common: enCommon, survey: enSurvey, pages: enPages, staff: enStaff },
  "en-x-easyread": { common: enXeasyreadCommon, survey: enXeasyreadSurvey, pages: enXeasyreadPages },
  pl: { common: plCommon, survey: plSurvey, pages: plPages, staff: plStaff },
  ro: { common: roCommon, survey: roSurvey, pages: roPages, staff: roStaff },
  pa: { common: paCommon, survey: paSurvey, pages: paPages, staff: paStaff },
  ur: { common: urCommon, survey: urSurvey, pages: urPages, staff: urStaff },
  pt: { common: ptCommon, survey: ptSurvey, pages: ptPages, staff: ptStaff },
  es: { common: esCommon, survey: esSurvey, pages: esPages, staff: esStaff },
  ar: { common: arCommon, survey: arSurvey, pages: arPages, staff: arStaff },
  bn: { common: bnCommon, survey: bnSurvey, pages: bnPages, staff: bnStaff },
  gu: { common: guCommon, survey: guSurvey, pages: guPages, staff: guStaff },
  it: { common: itCommon, survey: itSurvey, pages: itPages, staff: itStaff },
};
