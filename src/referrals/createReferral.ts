// A completed intake becomes a referral with status "new". Routing proper is the triage's job
// (issue 4); until then every referral is owned by the municipality-wide comprehensive window,
// which owns every case that has no better owner (断らない).
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import { windowFor, type Municipality } from "../intake/municipality.ts";
import { referenceNumber } from "./referenceNumber.ts";

export async function createReferral(
  tx: Prisma.TransactionClient,
  deps: { municipality: Municipality; sealer: Sealer },
  r: { conversationId: string; lineUserId: string; intake: Intake; at: Date },
): Promise<{ id: string; referenceNo: string }> {
  const owner = windowFor(deps.municipality, "comprehensive", r.intake.area)!;
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"Referral"', 'seq')) AS seq`;
  const seq = BigInt(row!.seq);
  const referenceNo = referenceNumber(seq, r.at);
  const triage = {
    flags: [],
    urgency: "routine",
    routing: { primary: { type: owner.type, windowId: owner.id }, involved: [], meeting: null },
    reasons: [{ code: "routing.default", text: "トリアージ導入前のため、福祉総合相談窓口が受け付けます。" }],
  };
  const referral = await tx.referral.create({
    data: {
      seq,
      referenceNo,
      conversationId: r.conversationId,
      lineUserId: r.lineUserId,
      status: "new",
      urgency: "routine",
      language: r.intake.language,
      primaryWindowId: owner.id,
      primaryWindowType: owner.type,
      involvedWindowIds: [],
      flags: [],
      intakeEnc: deps.sealer.sealJson(r.intake),
      triage,
    },
  });
  await tx.referralEvent.create({ data: { referralId: referral.id, fromStatus: null, toStatus: "new", actor: "system:intake", reason: "intake completed" } });
  return { id: referral.id, referenceNo };
}
