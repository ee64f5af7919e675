// Demo data identifiers shared by the seed and by app code (e.g. a sign-in hint on the demo).
// Plain constants only: importable from client components and scripts alike.

export const DEMO_EDITION_SLUG = "juo-2027";

export const DEMO_ACCOUNTS = {
  organiser: { email: "organisation@usines-ouvertes.demo", name: "Claire Organisatrice", role: "ORGANISER" },
  // Contact of the demo factory "Décolletage Savoyard — Site de Cluses".
  factory: { email: "usine@usines-ouvertes.demo", name: "Hugo Décolleteur", role: "USER" },
  // Has a group booking for a class when the seed creates bookings.
  teacher: { email: "enseignant@usines-ouvertes.demo", name: "Sophie Enseignante", role: "USER" },
  // Has a group booking for France Travail job seekers when the seed creates bookings.
  adviser: { email: "conseiller@usines-ouvertes.demo", name: "Karim Conseiller", role: "USER" },
} as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS];
