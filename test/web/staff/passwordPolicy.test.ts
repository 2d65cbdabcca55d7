import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "../../../src/web/staff/passwordPolicy.ts";

describe("which passwords staff may choose", () => {
  it.each(["aaaaaaaaaaaa", "password1234", "qwertyuiop123", "123456789012", "tsunagu12345", "abcdefghijkl"])(
    "when the password is %s, then it is refused as guessable, though long enough",
    async (p) => {
      expect(p.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
      expect(await passwordProblem(p)).toBe("guessable");
    },
  );

  it("when the password is the person's own name with a little added, then it is refused", async () => {
    expect(await passwordProblem("yamada.hanako1", ["yamada.hanako"])).toBe("guessable");
  });

  it("when a password is short or absurdly long, then it says which", async () => {
    expect(await passwordProblem("Zx9#kq!")).toBe("tooShort");
    expect(await passwordProblem("x".repeat(2000))).toBe("tooLong");
  });

  it("when a password is a long phrase or random, then it is accepted", async () => {
    for (const p of ["correct horse battery staple", "a-long-enough-password", "vK7#pQ2!mZ9@wL4$"]) expect(await passwordProblem(p), p).toBeNull();
  });
});
