// The words the journal shows for the audit log's codes: actions ("edition.bookings_exported_with_contacts"),
// object types, the fields of a diff ("minAge") and their coded values ("GUIDED_TOUR", "PUBLIC", statuses),
// in the reader's language, from the messages (organiserAdmin.journal; the visit formats and audiences
// reuse catalogue.slot). A code without words is shown as it is: a new code is visible, never blank
// (tests/unit/audit-labels.test.ts fails when an action written in the code has no words).

/** A next-intl translator scoped to a namespace (getTranslations / createTranslator). */
export interface Translate {
  (key: string): string;
  has(key: string): boolean;
}

// Only short codes are looked up; free text (a comment, a name) is shown as it is.
const CODE = /^[A-Za-z_]+$/;

// Fields whose values are labelled in catalogue.slot (the visit's format and audience).
const SLOT_FIELDS = new Set(["format", "audience"]);

/** `journal`: organiserAdmin.journal; `slot`: catalogue.slot. */
export function auditLabels(journal: Translate, slot: Translate) {
  const lookUp = (key: string, fallback: string) => (journal.has(key) ? journal(key) : fallback);
  const field = (key: string) => key.split(".").pop() ?? key;
  return {
    action: (code: string) => lookUp(`actions.${code}`, code),
    entityType: (type: string) => lookUp(`entityTypes.${type}`, type),
    key: (key: string) => lookUp(`keys.${field(key)}`, key),
    /** A coded value of a field: by field first ("language": "en"), then the visit's labels, then shared codes. */
    value: (key: string, value: string): string => {
      if (!CODE.test(value)) return value;
      const name = field(key);
      if (journal.has(`fieldValues.${name}.${value}`)) return journal(`fieldValues.${name}.${value}`);
      if (SLOT_FIELDS.has(name) && slot.has(`${name}.${value}`)) return slot(`${name}.${value}`);
      return lookUp(`values.${value}`, value);
    },
    /** The entry's reason: a code (who cancelled, why data was erased) or an organiser's comment. */
    reason: (reason: string) => (CODE.test(reason) ? lookUp(`values.${reason}`, reason) : reason),
  };
}
