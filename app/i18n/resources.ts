import enCommon from "../../locales/en/common.json";
import enSurvey from "../../locales/en/survey.json";
import enPages from "../../locales/en/pages.json";
import enStaff from "../../locales/en/staff.json";
import enInsight from "../../locales/en/insight.json";
import enPopulation from "../../locales/en/population.json";
import enExports from "../../locales/en/exports.json";
import enXeasyreadCommon from "../../locales/en-x-easyread/common.json";
import enXeasyreadSurvey from "../../locales/en-x-easyread/survey.json";
import enXeasyreadPages from "../../locales/en-x-easyread/pages.json";
import plCommon from "../../locales/pl/common.json";
import plSurvey from "../../locales/pl/survey.json";
import plPages from "../../locales/pl/pages.json";
import plStaff from "../../locales/pl/staff.json";
import plInsight from "../../locales/pl/insight.json";
import plPopulation from "../../locales/pl/population.json";
import plExports from "../../locales/pl/exports.json";
import roCommon from "../../locales/ro/common.json";
import roSurvey from "../../locales/ro/survey.json";
import roPages from "../../locales/ro/pages.json";
import roStaff from "../../locales/ro/staff.json";
import roInsight from "../../locales/ro/insight.json";
import roPopulation from "../../locales/ro/population.json";
import roExports from "../../locales/ro/exports.json";
import paCommon from "../../locales/pa/common.json";
import paSurvey from "../../locales/pa/survey.json";
import paPages from "../../locales/pa/pages.json";
import paStaff from "../../locales/pa/staff.json";
import paInsight from "../../locales/pa/insight.json";
import paPopulation from "../../locales/pa/population.json";
import paExports from "../../locales/pa/exports.json";
import urCommon from "../../locales/ur/common.json";
import urSurvey from "../../locales/ur/survey.json";
import urPages from "../../locales/ur/pages.json";
import urStaff from "../../locales/ur/staff.json";
import urInsight from "../../locales/ur/insight.json";
import urPopulation from "../../locales/ur/population.json";
import urExports from "../../locales/ur/exports.json";
import ptCommon from "../../locales/pt/common.json";
import ptSurvey from "../../locales/pt/survey.json";
import ptPages from "../../locales/pt/pages.json";
import ptStaff from "../../locales/pt/staff.json";
import ptInsight from "../../locales/pt/insight.json";
import ptPopulation from "../../locales/pt/population.json";
import ptExports from "../../locales/pt/exports.json";
import esCommon from "../../locales/es/common.json";
import esSurvey from "../../locales/es/survey.json";
import esPages from "../../locales/es/pages.json";
import esStaff from "../../locales/es/staff.json";
import esInsight from "../../locales/es/insight.json";
import esPopulation from "../../locales/es/population.json";
import esExports from "../../locales/es/exports.json";
import arCommon from "../../locales/ar/common.json";
import arSurvey from "../../locales/ar/survey.json";
import arPages from "../../locales/ar/pages.json";
import arStaff from "../../locales/ar/staff.json";
import arInsight from "../../locales/ar/insight.json";
import arPopulation from "../../locales/ar/population.json";
import arExports from "../../locales/ar/exports.json";
import bnCommon from "../../locales/bn/common.json";
import bnSurvey from "../../locales/bn/survey.json";
import bnPages from "../../locales/bn/pages.json";
import bnStaff from "../../locales/bn/staff.json";
import bnInsight from "../../locales/bn/insight.json";
import bnPopulation from "../../locales/bn/population.json";
import bnExports from "../../locales/bn/exports.json";
import guCommon from "../../locales/gu/common.json";
import guSurvey from "../../locales/gu/survey.json";
import guPages from "../../locales/gu/pages.json";
import guStaff from "../../locales/gu/staff.json";
import guInsight from "../../locales/gu/insight.json";
import guPopulation from "../../locales/gu/population.json";
import guExports from "../../locales/gu/exports.json";
import itCommon from "../../locales/it/common.json";
import itSurvey from "../../locales/it/survey.json";
import itPages from "../../locales/it/pages.json";
import itStaff from "../../locales/it/staff.json";
import itInsight from "../../locales/it/insight.json";
import itPopulation from "../../locales/it/population.json";
import itExports from "../../locales/it/exports.json";

/**
 * Every locale file, bundled into the server build so that no path is read at run time.
 * Easy Read has no staff namespaces (staff, insight, population, exports): staff screens in Easy Read fall back to standard English.
 */
export const resources = {
  en: { common: enCommon, survey: enSurvey, pages: enPages, staff: enStaff, insight: enInsight, population: enPopulation, exports: enExports },
  "en-x-easyread": { common: enXeasyreadCommon, survey: enXeasyreadSurvey, pages: enXeasyreadPages },
  pl: { common: plCommon, survey: plSurvey, pages: plPages, staff: plStaff, insight: plInsight, population: plPopulation, exports: plExports },
  ro: { common: roCommon, survey: roSurvey, pages: roPages, staff: roStaff, insight: roInsight, population: roPopulation, exports: roExports },
  pa: { common: paCommon, survey: paSurvey, pages: paPages, staff: paStaff, insight: paInsight, population: paPopulation, exports: paExports },
  ur: { common: urCommon, survey: urSurvey, pages: urPages, staff: urStaff, insight: urInsight, population: urPopulation, exports: urExports },
  pt: { common: ptCommon, survey: ptSurvey, pages: ptPages, staff: ptStaff, insight: ptInsight, population: ptPopulation, exports: ptExports },
  es: { common: esCommon, survey: esSurvey, pages: esPages, staff: esStaff, insight: esInsight, population: esPopulation, exports: esExports },
  ar: { common: arCommon, survey: arSurvey, pages: arPages, staff: arStaff, insight: arInsight, population: arPopulation, exports: arExports },
  bn: { common: bnCommon, survey: bnSurvey, pages: bnPages, staff: bnStaff, insight: bnInsight, population: bnPopulation, exports: bnExports },
  gu: { common: guCommon, survey: guSurvey, pages: guPages, staff: guStaff, insight: guInsight, population: guPopulation, exports: guExports },
  it: { common: itCommon, survey: itSurvey, pages: itPages, staff: itStaff, insight: itInsight, population: itPopulation, exports: itExports },
};
