/** A confirmation after a change ("Saved."), announced to screen readers without moving focus. */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="govuk-inset-text" role="status">
      {children}
    </div>
  );
}
