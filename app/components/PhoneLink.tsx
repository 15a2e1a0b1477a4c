/** A phone number people can tap to call. Its text comes from the translation (via <Trans>). */
export function PhoneLink({ number, children }: { number: string; children?: React.ReactNode }) {
  return (
    <a className="govuk-link" href={`tel:${number}`}>
      {children}
    </a>
  );
}
