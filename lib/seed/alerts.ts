// Demo « Prévenez-moi » subscriptions (lib/alerts): confirmed ones in a few departments, a request
// awaiting confirmation and an unsubscription, so the organiser dashboard shows its counts. Only the
// tokens' hashes are stored, as the app does: nobody can use these links, and the first digest of a
// confirmed one gives it a fresh unsubscribe token (its seal is absent).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { ALERT_CONSENT_VERSION } from "../alerts/consent";
import type { SeedClient } from "./generate";

type Tx = Parameters<Parameters<SeedClient["$transaction"]>[0]>[0];

const CONSENT_TEXT =
  "J'accepte que mon adresse e-mail et mon code postal soient utilisés pour m'envoyer ces alertes, jusqu'à mon désabonnement et au plus tard à la fin de la durée de conservation des données de l'édition.";

const tokenHash = () => createHash("sha256").update(randomBytes(32).toString("base64url")).digest("hex");

const SUBSCRIPTIONS = [
  { email: "camille.martin@example.org", kinds: ["NEW_VISIT_NEAR", "BOOKINGS_OPEN"], postalCode: "69003", departmentCode: "69", status: "CONFIRMED" },
  { email: "hugo.bernard@example.org", kinds: ["NEW_VISIT_NEAR"], postalCode: "69100", departmentCode: "69", status: "CONFIRMED" },
  { email: "ines.petit@example.org", kinds: ["NEW_VISIT_NEAR", "NEXT_EDITION"], postalCode: "74300", departmentCode: "74", status: "CONFIRMED" },
  { email: "lucas.moreau@example.org", kinds: ["NEXT_EDITION"], postalCode: null, departmentCode: null, status: "CONFIRMED", locale: "en" },
  { email: "chloe.laurent@example.org", kinds: ["NEW_VISIT_NEAR"], postalCode: "33000", departmentCode: "33", status: "PENDING" },
  { email: null, kinds: ["BOOKINGS_OPEN"], postalCode: null, departmentCode: null, status: "UNSUBSCRIBED" },
] as const;

export async function seedAlerts(tx: Tx, editionId: string, now: Date) {
  const day = 86_400_000;
  for (const [i, s] of SUBSCRIPTIONS.entries()) {
    const consentedAt = new Date(now.getTime() - (10 - i) * day);
    const id = randomUUID();
    await tx.alertSubscription.create({
      data: {
        id,
        editionId,
        // An unsubscription keeps no address (lib/alerts/subscriptions.ts unsubscribeAlerts).
        email: s.email ?? `deleted+${id}@invalid`,
        locale: "locale" in s ? s.locale : "fr",
        kinds: [...s.kinds],
        postalCode: s.postalCode,
        departmentCode: s.departmentCode,
        status: s.status,
        confirmTokenHash: s.status === "PENDING" ? tokenHash() : null,
        unsubscribeTokenHash: tokenHash(),
        consentedAt,
        consentTextVersion: ALERT_CONSENT_VERSION,
        consentText: CONSENT_TEXT,
        confirmedAt: s.status === "PENDING" ? null : new Date(consentedAt.getTime() + 600_000),
        unsubscribedAt: s.status === "UNSUBSCRIBED" ? new Date(consentedAt.getTime() + 3 * day) : null,
      },
    });
  }
}
