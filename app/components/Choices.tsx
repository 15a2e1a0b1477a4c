import { useTranslation } from "react-i18next";
import { Fieldset, type FieldsetProps } from "./Fieldset";

export interface ChoiceItem {
  value: string;
  label: React.ReactNode;
  lang?: string;
  hint?: string;
  /** Shown before the item, after an "or" divider (GOV.UK pattern for "Don't know" and "Prefer not to say"). */
  dividerBefore?: boolean;
  /** Decorative picture shown before the label, for example a face on the smiley scale. */
  picture?: React.ReactNode;
}

interface ChoicesProps extends Omit<FieldsetProps, "children"> {
  name: string;
  items: ChoiceItem[];
  selected: string[];
  variant?: "radios" | "checkboxes";
  className?: string;
}

/** GOV.UK radios or checkboxes in a fieldset. The first input has the field id so error links land on it. */
export function Choices({ name, items, selected, variant = "radios", className, ...fieldset }: ChoicesProps) {
  const { t } = useTranslation();
  const kind = variant === "radios" ? "govuk-radios" : "govuk-checkboxes";
  return (
    <Fieldset {...fieldset}>
      <div className={`${kind}${className ? ` ${className}` : ""}`}>
        {items.map((item, index) => {
          const id = index === 0 ? fieldset.id : `${fieldset.id}-${index + 1}`;
          return (
            <ChoiceRow key={item.value} className={`${kind}__divider`} divider={item.dividerBefore ? t("survey:question.or") : null}>
              <div className={`${kind}__item`}>
                <input
                  className={`${kind}__input`}
                  id={id}
                  name={name}
                  type={variant === "radios" ? "radio" : "checkbox"}
                  value={item.value}
                  defaultChecked={selected.includes(item.value)}
                  aria-describedby={item.hint ? `${id}-item-hint` : undefined}
                />
                <label className={`govuk-label ${kind}__label`} htmlFor={id} lang={item.lang}>
                  {item.picture}
                  <span className="choice-text">{item.label}</span>
                </label>
                {item.hint ? (
                  <div id={`${id}-item-hint`} className={`govuk-hint ${kind}__hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
            </ChoiceRow>
          );
        })}
      </div>
    </Fieldset>
  );
}

function ChoiceRow({ divider, className, children }: { divider: string | null; className: string; children: React.ReactNode }) {
  if (!divider) return <>{children}</>;
  return (
    <>
      <div className={className}>{divider}</div>
      {children}
    </>
  );
}
