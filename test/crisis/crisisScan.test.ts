import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { crisisScanLines } from "../../src/crisis/crisisScan.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

describe("crisisScanLines", () => {
  it("maps each line, in order, to one JSON line; empty lines give null", () => {
    expect(crisisScanLines("死にたい\n\nお腹すいた\r\nmy dad collapsed and is not breathing\n")).toEqual([
      '{"crisis":"self_harm"}',
      '{"crisis":null}',
      '{"crisis":null}',
      '{"crisis":"medical"}',
    ]);
  });

  it("gives nothing for no input, and one null for a lone newline", () => {
    expect(crisisScanLines("")).toEqual([]);
    expect(crisisScanLines("\n")).toEqual(['{"crisis":null}']);
  });
});

describe("crisisScanMain (stdin → stdout)", () => {
  it("prints one line per message, in order", () => {
    const input = [
      "明日が来なければいいのにって毎晩思う",
      "住民税の支払いが遅れています",
      "",
      "landlord changed the locks today, all my stuff is inside and i have nowhere to go tonight",
      "chồng bóp cổ em tối qua, giờ anh ấy vẫn ở nhà, em sợ",
      "essa fila do kuyakusho ta me matando kkk",
      "今晚没地方睡",
      "marna man lagyo",
      "",
    ].join("\n") + "\n";
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/crisis/crisisScanMain.ts"], {
      cwd: REPO,
      input,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      '{"crisis":"self_harm"}',
      '{"crisis":null}',
      '{"crisis":null}',
      '{"crisis":"homeless_tonight"}',
      '{"crisis":"violence"}',
      '{"crisis":null}',
      '{"crisis":"homeless_tonight"}',
      '{"crisis":"self_harm"}',
      '{"crisis":null}',
      "",
    ]);
  });
});
