// The hosts' questionnaire after the event: the day after the edition's last day, each factory that
// opened its doors is asked (one link per factory, e-mailed to each of its contacts, no sign-in) how
// many visitors really came, whether it would open again, what worked, and the recruitment leads or
// apprenticeship applications that followed. A later answer replaces the earlier one. Organisers see
// the totals on their dashboard; the edition report reads them too.
import "server-only";
import type { OpenAgain } from "@prisma/client";
import { fieldErrorsOf } from "@/lib/action-state";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/tokens";
import { hostSurveyAnswers, type HostSurveyAnswersInput } from "./schemas";

export interface HostSurveyView {
  factory: { companyName: string; siteName: string; communeName: string };
  editionName: string;
  answeredAt: Date | null;
  answers: { visitorsCame: number | null; openAgain: OpenAgain | null; recruitmentLeads: number | null; apprenticeshipApplications: number | null; whatWorked: string | null; toImprove: string | null };
}

/** The questionnaire a link opens, with the answers given so far; null for an unknown link. */
export async function hostSurveyByToken(token: string): Promise<HostSurveyView | null> {
  const row = await db.hostSurvey.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      answeredAt: true,
      visitorsCame: true,
      openAgain: true,
      recruitmentLeads: true,
      apprenticeshipApplications: true,
      whatWorked: true,
      toImprove: true,
      factory: { select: { companyName: true, siteName: true, communeName: true, edition: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  const { factory, answeredAt, ...answers } = row;
  const { edition, ...names } = factory;
  return { factory: names, editionName: edition.name, answeredAt, answers };
}

/** Records (or replaces) a factory's answers. `token.invalid` for an unknown link. */
export async function answerHostSurvey(token: string, raw: HostSurveyAnswersInput, now: Date = clockNow()): Promise<void> {
  const parsed = hostSurveyAnswers.safeParse(raw);
  if (!parsed.success) throw new AppError("validation.failed", 422, fieldErrorsOf(parsed.error));
  const a = parsed.data;
  const updated = await db.hostSurvey.updateMany({
    where: { tokenHash: hashToken(token) },
    data: {
      answeredAt: now,
      visitorsCame: a.visitorsCame,
      openAgain: a.openAgain,
      recruitmentLeads: a.recruitmentLeads ?? null,
      apprenticeshipApplications: a.apprenticeshipApplications ?? null,
      whatWorked: a.whatWorked ?? null,
      toImprove: a.toImprove ?? null,
    },
  });
  if (updated.count !== 1) throw new AppError("token.invalid", 404);
}

export interface HostSurveyFigures {
  invited: number;
  answered: number;
  visitorsCame: number;
  openAgain: Record<OpenAgain, number>;
  recruitmentLeads: number;
  apprenticeshipApplications: number;
}

/** The edition's hosts' answers, added up. */
export async function hostSurveyFigures(editionId: string): Promise<HostSurveyFigures> {
  const [totals, byAnswer] = await Promise.all([
    db.hostSurvey.aggregate({
      where: { factory: { editionId } },
      _count: { _all: true, answeredAt: true },
      _sum: { visitorsCame: true, recruitmentLeads: true, apprenticeshipApplications: true },
    }),
    db.hostSurvey.groupBy({ by: ["openAgain"], where: { factory: { editionId }, openAgain: { not: null } }, _count: { _all: true } }),
  ]);
  const openAgain: Record<OpenAgain, number> = { YES: 0, MAYBE: 0, NO: 0 };
  for (const row of byAnswer) if (row.openAgain) openAgain[row.openAgain] = row._count._all;
  return {
    invited: totals._count._all,
    answered: totals._count.answeredAt,
    visitorsCame: totals._sum.visitorsCame ?? 0,
    openAgain,
    recruitmentLeads: totals._sum.recruitmentLeads ?? 0,
    apprenticeshipApplications: totals._sum.apprenticeshipApplications ?? 0,
  };
}
