import { describe, expect, it } from "vitest";
import { languageFromScript } from "../../src/i18n/detectScript.ts";

describe("the language of a first message, from its script", () => {
  it.each([
    ["मलाई सहयोग चाहियो", "ne"],
    ["도와주세요", "ko"],
    ["ช่วยด้วยครับ", "th"],
    ["ကူညီပါ", "my"],
    ["たすけて", "ja"],
    ["家賃が払えません", "ja"],
    ["我没有钱了，这个月怎么办", "zh-Hans"],
    ["我沒有錢了，這個月怎麼辦", "zh-Hant"],
    ["tôi cần giúp đỡ", "vi"],
  ])("when the first message is %s, then %s is suggested", (text, lang) => {
    expect(languageFromScript(text)).toBe(lang);
  });
  it.each(["hello", "olá, preciso de ajuda", "tulong po", "12345", ""])("when %j says too little, then nothing is guessed", (text) => {
    expect(languageFromScript(text)).toBeNull();
  });
});
