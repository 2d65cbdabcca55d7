// A first guess at the language from the script of what the resident typed: Devanagari → ne,
// Hangul → ko, Thai, Myanmar, kana → ja, Han without kana → Chinese (simplified or traditional
// by the characters used), Vietnamese letters → vi. Latin text says too little and gives null.
import type { LocaleCode } from "../intake/codes.ts";

const SIMPLIFIED = "们这说门国会来时为个么没钱饭还发东车长问过难让间听见贝实学习医术气业";
const TRADITIONAL = "們這說門國會來時為個麼沒錢飯還發東車長問過難讓間聽見貝實學習醫術氣業";
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

export function languageFromScript(text: string): LocaleCode | null {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  if (count(/\p{Script=Devanagari}/gu) > 0) return "ne";
  if (count(/\p{Script=Hangul}/gu) > 0) return "ko";
  if (count(/\p{Script=Thai}/gu) > 0) return "th";
  if (count(/\p{Script=Myanmar}/gu) > 0) return "my";
  if (count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) > 0) return "ja";
  if (count(/\p{Script=Han}/gu) > 0) {
    const s = [...text].filter((c) => SIMPLIFIED.includes(c)).length;
    const t = [...text].filter((c) => TRADITIONAL.includes(c)).length;
    return t > s ? "zh-Hant" : "zh-Hans";
  }
  if (VIETNAMESE.test(text)) return "vi";
  return null;
}
