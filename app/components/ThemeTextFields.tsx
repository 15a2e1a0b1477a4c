import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";
import type { FieldError } from "./ErrorSummary";
import { TextArea, TextInput } from "./TextFields";

interface ThemeTextFieldsProps {
  values: Record<string, string>;
  errors: FieldError[];
}

/** A name and description for each interface language. */
export function ThemeTextFields({ values, errors }: ThemeTextFieldsProps) {
  const { t } = useTranslation("staff");
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      {supportedLanguages.map((lang) => {
        const language = t(`common:languageNames.${lang}`);
        return (
          <div key={lang}>
            <TextInput
              id={`name_${lang}`}
              name={`name_${lang}`}
              label={t("themes.name", { language })}
              error={errorFor(`name_${lang}`)}
              defaultValue={values[`name_${lang}`]}
            />
            <TextArea
              id={`description_${lang}`}
              name={`description_${lang}`}
              label={t("themes.description", { language })}
              hint={t("themes.descriptionHint")}
              rows={2}
              error={errorFor(`description_${lang}`)}
              defaultValue={values[`description_${lang}`]}
            />
          </div>
        );
      })}
    </>
  );
}
