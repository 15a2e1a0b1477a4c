import { useTranslation } from "react-i18next";
import { GetHelpNow } from "../components/GetHelpNow";

/** Where a young person can get help now; on every page of a young person's survey. */
export function YoungPersonHelp() {
  const { t } = useTranslation("survey");
  return <GetHelpNow heading={t("youngHelp.heading")} />;
}
