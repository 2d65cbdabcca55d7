// What staff read on a case: words instead of codes (a call-back's time, a compound case's
// domains), amounts with digit grouping, phone numbers with hyphens, and the "what to bring"
// template naming the residence card only to foreign nationals — in Japanese and in English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyIntake } from "../../../src/intake/intakeSchema.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { seedReferral, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";

let sys: TestSystem;
let staff: StaffClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sys = await startTestSystem();
  const { prisma } = sys.server.db;
  const { sealer, municipality } = sys.server.deps;
  const oneTime = await createStaffUser(prisma, { username: "wording-supervisor", role: "supervisor", windowIds: [] });
  staff = new StaffClient(sys.baseUrl);
  await staff.firstSignIn("wording-supervisor", oneTime);
  const base = emptyIntake("ja");
  ids.foreign = (
    await seedReferral(prisma, sealer, municipality, {
      intake: {
        person: { ...base.person, foreignNational: true },
        contact: { name: null, phone: "09012345678" },
        housing: { ...base.housing, tenure: "rented_private", monthlyRent: 120000 },
      },
    })
  ).id;
  ids.japanese = (await seedReferral(prisma, sealer, municipality, { intake: { person: { ...base.person, foreignNational: false }, contact: { name: null, phone: "0312345678" } } })).id;
  await prisma.referralEvent.create({ data: { referralId: ids.foreign, fromStatus: "new", toStatus: "new", actor: "resident", reason: "callback requested: tomorrow_am" } });
});

afterAll(async () => {
  await sys?.stop();
});

const text = (page: string) => page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("a case's page", () => {
  it("when the resident asked for a call back, then the timeline says when in the staff's words, not the code", async () => {
    const ja = text((await staff.get(`/staff/referrals/${ids.foreign}?lang=ja`)).text);
    expect(ja).toContain("本人（LINE）: 本人が折り返しの電話を希望：明日の午前");
    expect(ja).not.toContain("tomorrow_am");
    const en = text((await staff.get(`/staff/referrals/${ids.foreign}?lang=en`)).text);
    expect(en).toContain("The resident (LINE): The resident asks to be called back: tomorrow morning");
  });

  it("when the case is compound, then the reason names the domains, not their codes", async () => {
    const ja = text((await staff.get(`/staff/referrals/${ids.foreign}?lang=ja`)).text);
    expect(ja).toContain("2つの分野にまたがる複合的な課題です（お金、仕事）。");
    const en = text((await staff.get(`/staff/referrals/${ids.foreign}?lang=en`)).text);
    expect(en).toContain("Problems in 2 domains (money, work).");
  });

  it("when amounts and phone numbers are shown, then with digit grouping and the numbering plan's hyphens", async () => {
    const ja = text((await staff.get(`/staff/referrals/${ids.foreign}?lang=ja`)).text);
    expect(ja).toContain("120,000円");
    expect(ja).toContain("090-1234-5678");
    expect(text((await staff.get(`/staff/referrals/${ids.foreign}?lang=en`)).text)).toContain("¥120,000");
    expect(text((await staff.get(`/staff/referrals/${ids.japanese}?lang=ja`)).text)).toContain("03-1234-5678");
  });

  it("when the resident is a foreign national, then the 'what to bring' template names the residence card; else it does not", async () => {
    const foreign = (await staff.get(`/staff/referrals/${ids.foreign}?lang=ja`)).text;
    const japanese = (await staff.get(`/staff/referrals/${ids.japanese}?lang=ja`)).text;
    expect(foreign).toContain("在留カード");
    expect(japanese).not.toContain("在留カード");
    expect(japanese).toContain("マイナンバーカード");
  });
});
