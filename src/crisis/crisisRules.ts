// The precise half of crisis screening (contract §7; the model in crisisModel.ts adds recall, and
// detectCrisis.ts combines both): a few hundred precompiled regular expressions over two
// normalised copies of the text, in any of the 14 languages of §6 plus the romanised forms people
// actually type. Pure and fast; the guards below also veto the model's hits (see screenRules).
//
// How a message is read:
//  1. normalise: NFKC, lower case, collapsed whitespace, elongations (3+ repeats) cut to one;
//     a folded copy also drops Latin diacritics (so "song the nay" reads like "sống thế này"),
//     turns katakana into hiragana (シニタイ → しにたい), drops ー and small vowels in kana
//     (しにたーい) and the spaces やさしい日本語 / Thai / Burmese writers put between words.
//  2. figures of speech are masked out before any rule runs (死ぬほど, 忙死了, morrendo de
//     saudade, "dying to", "kill time", "mệt chết đi được" …).
//  3. every language's rules run (the language is not given). Each rule is a positive
//     predicate about a present situation (a verb, a person, a time), never a bare topic noun,
//     so "where can I get help for domestic violence?" matches nothing.
//  4. each match then passes the guards: a resolved past ("…, now I'm fine"), a distant past
//     in the same clause ("10年前", "years ago", "used to"), negation right after it
//     (死にたいわけじゃない), a hypothetical question ("what to do if someone faints?"), an info
//     question for rules marked weak, a third person who is not the writer (violence is about
//     the writer, §7), laugh markers for rules marked joke, a future date for homelessness.
//  5. among surviving kinds the most urgent wins (see PRIORITY).
import type { CrisisKind } from "./crisisKinds.ts";
import { foldForCrisis, normalizeForCrisis } from "./normalizeForCrisis.ts";

/** What a rule decided: the kind, whether self_harm comes with a plan, and the rule's id (never the text). */
export type RuleHit = {
  kind: CrisisKind;
  /** self_harm with a plan, means or attempt (→ emergency); always false for other kinds. */
  plan: boolean;
  /** The id of the rule that decided, never the text. */
  matched: string;
};

/** The rules' reading of one message: their decision, and what their guards say against a model's hit. */
export type RuleScreen = {
  hit: RuleHit | null;
  /** Kinds whose rules matched but were all stopped by a guard (negation, past, joke, third person…). */
  vetoed: ReadonlySet<CrisisKind>;
  /** The message says the trouble is over ("…, now I'm fine") and nothing brings it back. */
  resolved: boolean;
  /** The message reports someone else's situation from the news or hearsay. */
  news: boolean;
  /** A question about where or how to get help (or a hypothetical one). */
  infoQuestion: boolean;
  /** A laugh marker (笑, lol, kkk, 555…). */
  laugh: boolean;
  /** A past or resolved trouble that the message says has come back ("…でも昨日また殴られた"). */
  returned: boolean;
  /** A later date ("in 10 days", 来月): losing one's home then is not tonight's crisis. */
  future: boolean;
};

type Opts = {
  /** Plan, means or attempt (self_harm only). */
  plan?: boolean;
  /** Overdose taken: medical when it is happening now (immediacy or symptoms), else self_harm plan. */
  od?: boolean;
  /** Ambiguous on its own: dropped when the message is an information question. */
  weak?: boolean;
  /** Often said as a joke: dropped when the message carries a laugh marker (笑, w, lol, kkk, 555…). */
  joke?: boolean;
  /** The writer is explicitly the victim (…me, 我, em, ako): not handed to child_abuse or third-party guards. */
  self?: boolean;
  /** Extra pattern that must also occur somewhere in the message (context for ambiguous means). */
  ctx?: string;
};

type Rule = Opts & {
  id: string;
  kind: CrisisKind;
  re: RegExp;
  ctxRe?: RegExp;
  /** Written in ASCII only (Latin without diacritics): runs on the folded copy alone, so its negation
   * lookbehinds ("nao quero…") also see "não quero…". */
  asciiOnly: boolean;
};

const RULES: Rule[] = [];
function rule(id: string, kind: CrisisKind, src: string, opts: Opts = {}): void {
  RULES.push({
    ...opts,
    id,
    kind,
    re: new RegExp(src.normalize("NFKC"), "gu"),
    asciiOnly: /^[\x00-\x7f]*$/.test(src),
    ...(opts.ctx ? { ctxRe: new RegExp(opts.ctx.normalize("NFKC"), "u") } : {}),
  });
}

// ───────────────────────────── Japanese (ja, ja-easy, kana-only, romaji) ─────────────────────────────
// Rules see the folded copy too, where katakana is hiragana and spaces between kana are gone, so
// each kanji word is written with its kana reading as an alternative.
const JA_CHILD =
  "(?:子ども|子供|こども|子達|子たち|息子|むすこ|娘|むすめ|赤ちゃん|あかちゃん|赤ん坊|乳児|幼児|長男|次男|三男|長女|次女|三女|孫|まご|児童|小学生|中学生|男の子|女の子|おとこのこ|おんなのこ|我が子|わが子|うちの子|上の子|下の子|隣の子|あの子|連れ子|\\d+(?:歳|才|さい)(?:の|児)?(?:子|息子|娘|男の子|女の子)?)";
const JA_GAP = "[^。、,.!?！？\\s]{0,15}?";
const JA_AGENT =
  "(?:夫|おっと|旦那|だんな|主人|彼氏|かれし|彼|かれ|パートナー|元夫|元彼|父|ちち|父親|お父さん|おとうさん|母|母親|お母さん|兄|あに|義父|継父|妻|嫁|同居人|交際相手|内縁の夫|恋人|こいびと)";

// self_harm — wishes
rule("ja.self_harm.wish_die", "self_harm",
  "(?:死|し)(?:にたい(?!して|する)|にたく(?:て|なる|なっ|なり)|にて[えぇ]|んでしまいたい|んじゃいたい|ねたら(?:楽|らく|いい|良い)|ねば(?:楽|らく)|のう(?:かな|と(?:思|おも)|って|よ))",
  { joke: true });
rule("ja.self_harm.wish_vanish", "self_harm",
  "(?:消|き)え(?:たい|てしまいたい|ちゃいたい|てなくなりたい|たく(?:て|なる|なっ))|(?:いなく|居なく)(?:なりたい|なってしまいたい)|(?:永遠|えいえん)に(?:眠|ねむ)りたい",
  { joke: true });
rule("ja.self_harm.pointless", "self_harm",
  "(?:生|い)きて(?:る|いる)?(?:意味|価値|いみ|かち)(?:が|も|なんて|って)?(?:ない|無い|なし|わから|分から|見つから|みつから)|(?:生|い)きる(?:意味|価値|いみ|かち)(?:が|も|なんて|って)?(?:ない|無い|わから|分から)|(?:生|い)きて(?:いたく|たく)ない|生きたくない|(?:生|い)き(?:ている|てる|る|てく|ていく)のが(?:つらい|辛い|しんどい|疲れ|つかれ|嫌|いや|苦しい|くるしい|めんどう|面倒)|もう(?:生|い)きて(?:いけない|いけません|いけな)|(?:生|う)まれて(?:こなければ|こなきゃ)(?:よかった|良かった)|(?:生|う)まれてきたくなかった");
rule("ja.self_harm.no_tomorrow", "self_harm",
  "(?:明日|あした|あす|朝|あさ)(?:が|なんて|は)?(?:来|こ)(?:なければ|なきゃ|ないで|なくていい|ないといい|ないでほしい)|(?:目|め)が(?:覚|さ)め(?:なければ|なきゃ|ないでほしい|なくていい|ないまま)|このまま(?:目|め)?(?:が)?(?:覚|さ)め(?:なければ|ないで)|二度と(?:目|め)(?:が)?(?:覚|さ)め");
rule("ja.self_harm.end", "self_harm",
  "(?:全部|ぜんぶ|すべて|全て|何もかも|なにもかも|人生|じんせい|自分|じぶん)(?:を|も|の)?(?:終わり|おわり|終わら|おわら)(?:にしたい|にする|にしよう|せたい|せる)|(?:自殺|じさつ)(?:したい|しよう|する(?:しか|つもり|かも|気)|を(?:考|かんが)え(?:て(?:いる|る|います|ます)|てしまう|ちゃう)|願望|しそう|するって)|(?:死|し)ぬしか(?:ない|ねえ)|(?:死|し)ん(?:だ|じゃった)(?:方|ほう)が(?:まし|いい|楽|らく)|(?:死|し)ぬ(?:こと|の)(?:ばかり|ばっかり|ばっか)?(?:を)?(?:考|かんが)え");
rule("ja.self_harm.burden", "self_harm",
  "(?:私|わたし|あたし|僕|ぼく|俺|おれ|自分|じぶん)(?:なんて|なんか|が|は)?(?:いない|居ない|いなくなった|消えた|死んだ|しんだ)(?:方|ほう)が|(?:いない|居ない|いなくなった|消えた|死んだ)(?:方|ほう)が(?:みんな|皆|家族|子ども|子供)|(?:迷惑|めいわく)(?:ばかり|ばっかり)?(?:かけ|掛け)(?:て|る)[^。]{0,10}(?:消え|きえ|死|いない方|いなくな)");
rule("ja.self_harm.romaji", "self_harm",
  "\\bshi+n(?:i|e)ta+i|\\bki+e+ta+i|\\bshinde\\s?shimaitai|ikite(?:ru|iru)?\\s?imi\\s?(?:ga\\s?)?(?:nai|wakaranai)|ikiru\\s?imi\\s?(?:ga\\s?)?nai|jisatsu\\s?shitai|ikitakunai",
  { joke: true });
// self_harm — plan, means, attempt
rule("ja.self_harm.stockpile", "self_harm",
  "(?:薬|くすり|睡眠薬|すいみんやく|眠剤|安定剤|精神薬|処方薬|眠り薬)(?:を|も)?(?:ため|溜め|貯め|集め|あつめ|ストック)(?:て|た|込|こん)",
  { plan: true });
rule("ja.self_harm.means_bought", "self_harm",
  "(?:ロープ|縄|なわ|紐|ひも|練炭|れんたん|農薬|睡眠薬|すいみんやく|七輪|包丁|カミソリ)(?:を|も)?(?:買|か)(?:って|った|ってきた|いました|い(?:に|まし))",
  { plan: true, ctx: "(?:死|し[にぬねの]|決行|けっこう|実行|最後|さいご|終わり|おわり|さよなら|さようなら|今夜|こんや|首|くび|遺書|消え|きえ|楽になり)" });
rule("ja.self_harm.method", "self_harm",
  "(?:首|くび)を(?:吊|つ)(?:る|ろう|り|った|って)|首(?:吊|つ)り|くびつり|飛び降り(?:る|たい|よう|ようと|ます|自殺)|とびおり(?:る|たい|よう|ます)|(?:電車|でんしゃ|線路|せんろ|ホーム|踏切|ふみきり|川|かわ|海|うみ)に(?:飛び込|とびこ)|(?:手首|てくび|腕|うで)を(?:切|き)(?:っ|る|り|ろう)|リスカ|リストカット|アムカ|(?:遺書|いしょ)(?:を|も)?(?:書|か)(?:い|き|こう|く)|(?:死に場所|死ぬ場所|しにばしょ|死ぬ日|死ぬ方法|死に方|しにかた)(?:を|も|は)?(?:決め|きめ|探|さが|調べ|しらべ)|(?:楽|らく)な(?:死に方|しにかた|死ぬ方法)|(?:今夜|こんや|今日|きょう|明日|あした)(?:こそ)?(?:死|し)(?:ぬ|にます|のう)|(?:自殺|じさつ)(?:未遂|を図|をはか)",
  { plan: true });
rule("ja.self_harm.overdose", "self_harm",
  "(?:薬|くすり|睡眠薬|すいみんやく|眠剤|安定剤|市販薬|錠剤)(?:を)?(?:大量|たいりょう|全部|ぜんぶ|たくさん|まとめて|一気|いっき|\\d+(?:錠|粒|シート|じょう)|いっぱい|ありったけ)(?:に)?(?:飲|の)(?:ん|み)|(?<![a-z])od(?:した|しちゃ|してしま|やっ)|オーバードーズ(?:した|しちゃ|してしま)",
  { od: true, plan: true });

// violence — the writer is hurt, threatened or confined
rule("ja.violence.passive", "violence",
  "(?:殴|なぐ)られ|蹴られ|(?:に|から)(?:何度も|なんども|思いっきり|おもいっきり)?けられ(?:た|て|る|ま)|(?:叩|たた)かれ(?:て|た|る|ます)|ぶたれ|(?:突き|つき)(?:飛ばさ|とばさ)れ|(?:首|くび)(?:を)?(?:絞|締|しめ)(?:め)?られ|暴力を?(?:振る|ふる)われ|(?:暴力|ぼうりょく|dv)(?:を)?(?:受け|うけ)(?:て|た)|dv(?:され|被害に)|(?:手|て)を(?:上|あ)げられ|(?:髪|かみ)を(?:引っ張|ひっぱ|掴ま|つかま)れ|(?:殺|ころ)(?:す|してやる)(?:と|って)(?:言|い|脅|おど)|(?:脅|おど)され(?:て|た)|(?:包丁|ほうちょう|ナイフ|刃物|はもの)(?:を|で)?(?:向け|むけ|突きつけ|つきつけ|突き付け)られ|(?:包丁|ほうちょう|ナイフ|刃物|はもの)(?:で|を持って)(?:脅|おど|刺|さ|追いかけ)|閉じ込められ|とじこめられ|監禁され|かんきんされ|(?:外|そと|家|いえ|部屋|へや)(?:から|に|の外に)?(?:出して|だして|出させて|ださせて)(?:もらえ|くれ)(?:ない|ません)|つきまとわれ|付きまとわれ|ストーカー(?:され|被害|に(?:あっ|遭っ))|(?:後|あと)を(?:つけ|付け)られ|(?:ずっと|いつも|毎日)(?:つけ|付け)られ|無理やり(?:され|やられ|関係|性|襲|犯)|むりやり(?:され|やられ)|レイプされ|性行為を?(?:強要|きょうよう)|性暴力を受け");
rule("ja.violence.active", "violence",
  `${JA_AGENT}(?:が|は|に|から|も)?${JA_GAP}(?:(?:殴|なぐ)(?:る|っ|ら|り)|蹴(?:る|っ|ら|り)|(?:叩|たた)(?:く|い|き)|(?:首|くび)を(?:絞|締|しめ)|暴力を(?:振る|ふる)|(?:殺|ころ)すと)`);
rule("ja.violence.weapon", "violence",
  `(?:包丁|ほうちょう|ナイフ|刃物|はもの)(?:を)?(?:持って|もって|持ち出して|もちだして|出して|だして)?[^。]{0,4}(?:暴れ|あばれ|脅|おど|追いかけ|おいかけ|向けて|むけて|振り回|ふりまわ|迫っ|せまっ)|${JA_AGENT}(?:が|は)${JA_GAP}(?:暴れ|あばれ)(?:て|る|だし|ます)`);
rule("ja.violence.me", "violence",
  "(?:私|わたし|あたし|僕|ぼく|俺|おれ)(?:を|に)(?:殴|なぐ|蹴|叩|たた)(?:る|っ|り|く|い|き)",
  { self: true });
rule("ja.violence.kill_threat", "violence",
  "(?:殺|ころ)され(?:る|そう|かけ)", { joke: true, weak: true });

// child_abuse — a child is hurt or neglected, or the writer fears hurting one
rule("ja.child_abuse.object", "child_abuse",
  `${JA_CHILD}(?:を|に|のこと)${JA_GAP}(?:(?:殴|なぐ)(?:る|っ|ら|り)|(?:叩|たた)(?:く|い|き|か)|蹴(?:る|っ|ら|り)|つね|虐待|ぎゃくたい|閉じ込め|とじこめ|閉め出|しめだ|締め出|追い出|おいだ|放置|ほうち|置き去り|おきざり|怒鳴|どな|タバコ|たばこ|やけど|火傷|熱湯|(?:首|くび)を(?:絞|しめ)|押し入れに|おしいれに|ベランダに(?:出|だ)|(?:外|そと)に(?:出|だ)し|(?:ご飯|ごはん|食事|しょくじ)(?:を)?(?:あげ|与え|あたえ|食べさせ|たべさせ)(?:て)?(?:い)?(?:ない|ません))`);
rule("ja.child_abuse.passive", "child_abuse",
  `${JA_CHILD}(?:が|は|も)?[、,]?${JA_GAP}(?:(?:殴|なぐ)られ|(?:叩|たた)かれ|蹴られ|(?<![つすうみあづ続助受見開向避預届掛付])けられ|(?:傷|きず)つけられ|ぶたれ|虐待され|ぎゃくたいされ|閉じ込められ|とじこめられ|(?:閉め出|しめだ|締め出)され|放置され|置き去り|(?:ご飯|ごはん|食事|しょくじ)を?もらえ(?:て)?(?:い)?(?:ない|ず|ません)|(?:食べ|たべ)させてもらえ(?:て)?(?:い)?(?:ない|ず|ません)|アザ|あざ|痣|やけどの?(?:あと|跡))`);
rule("ja.child_abuse.fear", "child_abuse",
  "(?:子|こ|子ども|子供|こども|娘|むすめ|息子|むすこ|赤ちゃん|あかちゃん|わが子|我が子)(?:に|を)(?:手を(?:あげ|上げ|出|だ)|(?:殴|なぐ|叩|たた)(?:い|っ)|(?:殺|ころ)し|(?:虐待|ぎゃくたい)し)(?:て|ち)?(?:しまい|しまう|しまった|ちゃい|ちゃう|ちゃった|そう)|(?:虐待|ぎゃくたい)(?:して|し)(?:しまい|しまう|ちゃい|ちゃう|そう|てる|ている)");
rule("ja.child_abuse.alone", "child_abuse",
  `${JA_CHILD}${JA_GAP}(?:一人|ひとり|独り)(?:で|に|きり|ぼっち)[^。]{0,12}(?:何日|なんにち|\\d+日|数日|毎晩|まいばん|夜中|ずっと|帰って(?:こ)?ない)|(?:何日|なんにち|\\d+日|数日)(?:も|間)?${JA_GAP}${JA_CHILD}${JA_GAP}(?:一人|ひとり|置き去り|放置)`);

// homeless_tonight
rule("ja.homeless.nowhere", "homeless_tonight",
  "(?:泊まる|とまる|泊まれる|寝る|ねる|寝れる|眠る|ねむる|住む|すむ|帰る|かえる|行く|いく|過ごす|すごす|寝泊まりする|いられる|居る)(?:ところ|所|とこ|場所|ばしょ|家|いえ|部屋|へや|あて|当て)(?:が|も|は)?(?:ない|無い|なく|ありません|ねえ|見つから|みつから)|(?:帰る|かえる)(?:家|いえ|場所)(?:が|も)?(?:ない|無い)");
rule("ja.homeless.rough", "homeless_tonight",
  "野宿|のじゅく|路上(?:で|生活)|ろじょう(?:で|せいかつ)|(?:公園|こうえん|駅|えき|車|くるま|車の中|くるまのなか|道|みち|外|そと|橋の下|河川敷|路上|ベンチ)で(?:寝|ね)(?:る|て|た|ます|泊|とま|るしか|なきゃ|なければ)|車中泊|しゃちゅうはく|(?:車|くるま)で(?:寝泊まり|ねとまり|生活|せいかつ|暮ら|くら)|ホームレス(?:に(?:なっ|なり|なる)|状態|生活|です|だ(?!っ)|中)");
rule("ja.homeless.evicted", "homeless_tonight",
  "(?:家|いえ|部屋|へや|アパート|寮|りょう|実家|じっか|シェアハウス)?(?:を|から)?(?:追い出|おいだ|追いだ)され(?:た|て|ちゃ|まし)|(?:出て行け|でていけ|出ていけ)(?:と|って)(?:言|い)われ|(?:締め出|閉め出|しめだ)され(?:た|て)|(?:鍵|かぎ)を(?:変え|替え|かえ)られ|(?:家|いえ|部屋|へや|寮)に(?:入れて|いれて)(?:もらえ|くれ)(?:ない|ません)",
  { weak: true });
rule("ja.homeless.netcafe", "homeless_tonight",
  "(?:ネカフェ|ネットカフェ|漫画喫茶|まんが喫茶|漫喫|マン喫|まんきつ|カラオケ)[^]{0,30}(?:お金|おかね|金|かね|所持金|財布)(?:が|も)?(?:ない|無い|尽き|つき|なく|足りな|たりな|底を|払えな)|(?:お金|おかね|所持金)(?:が|も)?(?:ない|無い|尽き|なく)[^]{0,20}(?:ネカフェ|ネットカフェ|漫画喫茶|漫喫)|(?:ネカフェ|ネットカフェ|漫画喫茶|漫喫)(?:生活|難民|暮らし|ぐらし)");
rule("ja.homeless.romaji", "homeless_tonight",
  "(?:tomaru|neru|sumu|kaeru)\\s?(?:tokoro|toko|basho|ie)\\s?(?:ga\\s?|mo\\s?)?nai|nojuku|kuruma de nete");

// no_food
rule("ja.no_food.nothing", "no_food",
  "(?:食べる|たべる|食う|くう|食べれる|食べられる)(?:もの|物|モノ)(?:が|も)?(?:何も|なにも|何にも)?(?:ない|無い|なく|ありません|ねえ|尽き|つき)|(?:食べ物|たべもの|食料|しょくりょう|食糧|食材)(?:が|も)(?:何も|なにも)?(?:ない|無い|なく(?:な|て)|ありません|尽き|つき|底を)");
rule("ja.no_food.days", "no_food",
  "(?:昨日|きのう|一昨日|おととい|\\d+(?:日|にち|か)|[一二三四五六七]日|ふつか|みっか|よっか|何日|なんにち|数日|すうじつ|昨夜|ゆうべ|給料日|週末|しばらく)[^。]{0,10}?(?:(?:何も|なにも|何にも|なんにも|ご飯|ごはん|まともに|物|もの)(?:を)?(?:食べて|たべて|食べれて|食べられて|たべれて|口にして|くちにして)|(?:食事|しょくじ)(?:を)?(?:して|とって|取って))(?:い)?(?:ない|ません|ねえ)|(?:昨日|きのう|\\d+(?:日|にち)|ふつか|みっか|何日|なんにち|数日|二日|三日|給料日)[^。]{0,12}(?:食べ|たべ)(?:られ|れ)(?:ない|ません)");
rule("ja.no_food.cannot_feed", "no_food",
  "(?:食べさせ|たべさせ)(?:て)?(?:あげ)?(?:られ|れ)(?:て)?(?:い)?(?:ない|ません)|(?:食べさせる|たべさせる)(?:もの|物|ご飯|ごはん|お金|おかね)(?:が|も)?(?:ない|無い)");
rule("ja.no_food.water_only", "no_food",
  "(?:水|みず)(?:だけ|しか)(?:で(?:過ご|すご|生活|せいかつ|しの|生き)|(?:飲|の)(?:んで|ん)(?:い)?(?:ない|ません))");
rule("ja.no_food.money", "no_food",
  "(?:お金|おかね|金|かね|所持金|財布)(?:が|も)?(?:ない|無い|なく|尽き|底をつ)[^。]{0,12}?(?:食べ(?:られ|れ)(?:ない|ません)|(?:食べ物|たべもの|ご飯|ごはん|食料|米|こめ|パン|食材)(?:も|が|を)?(?:買え|かえ)(?:ない|ません))|(?:食べ物|たべもの|食料|米|こめ|食材)(?:も|が|を)?(?:買え|かえ)(?:ない|ません)");
rule("ja.no_food.ran_out", "no_food",
  "(?:米|こめ|お米|おこめ|食料|食材|ご飯|ごはん|パン|食べ物)(?:も|が)?(?:尽き|つき|なくなっ|無くなっ|切れ|きれ|底をつい|ない)[^]{0,20}(?:給料日|お金|おかね|買え|かえ|食べ(?:られ|れ)|なにも|何も)");
rule("ja.no_food.kids", "no_food",
  "(?:子ども|子供|こども|家族)に(?:食べさせる|たべさせる)(?:もの|物|ご飯|ごはん)(?:が|も)?(?:ない|無い)");
rule("ja.no_food.romaji", "no_food",
  "(?:nanimo|nani mo)\\s?tabete\\s?(?:nai|inai)|taberu\\s?mono\\s?ga\\s?nai|tabemono\\s?ga\\s?nai");

// medical — now, not a past stay or a question about hours
rule("ja.medical.collapse", "medical",
  "(?:倒れ|たおれ)(?:て(?:いる|る|います|ます|た)|た|ました|ちゃった)[^]{0,15}(?:動か|うごか|動きません|うごきません|意識|いしき|返事|へんじ|反応|はんのう|息|いき|呼吸|起きな|おきな|目を覚まさ|救急|きゅうきゅう|119)|(?:急に|突然|とつぜん|きゅうに|いきなり|さっき|今|いま)[^。]{0,6}(?:倒れ|たおれ)(?:た|て|ました)|(?:倒れ|たおれ)(?:て)?(?:動かない|うごかない|動きません|うごきません)|(?:落ち|おち|転ん|ころん|転倒|てんとう|転落|倒れ|たおれ)(?:て|た|して|した)[^。]{0,10}(?:動かない|うごかない|動きません|うごきません|起き上がれ|おきあがれ|意識|いしき|返事が|反応が)",
  { weak: true });
rule("ja.medical.unconscious", "medical",
  "意識(?:が|も)?(?:ない|無い|なく|ありません|戻らない|もどらない|不明|朦朧|もうろう)|いしき(?:が)?(?:ない|なく|ありません)|気を(?:失|うしな)(?:っ|い)|(?:気絶|きぜつ|失神|しっしん)(?:し(?:た|て|ちゃ|ました)|している)|(?:呼|よ)んでも(?:返事|へんじ|反応|はんのう|起き|おき|目を覚ま)|(?:揺|ゆ)すっても(?:起き|おき|反応)|(?:目|め)を(?:覚|さ)まさ(?:ない|なく)|反応(?:が)?(?:ない|無い)");
rule("ja.medical.breath", "medical",
  "(?:息|いき|呼吸|こきゅう)(?:を)?(?:して(?:い)?(?:ない|ません)|していない)|(?:息|いき|呼吸|こきゅう)が(?:でき|出来)(?:ない|ません|ず)|(?:息|いき|呼吸|こきゅう)が(?:止ま|とま)|(?:息|いき|呼吸)が(?:苦し|くるし)(?:い|そう)|呼吸困難|こきゅうこんなん|(?:心臓|しんぞう|脈|みゃく)が(?:止ま|とま|ない)|心肺停止",
  { joke: true });
rule("ja.medical.signs", "medical",
  "(?:唇|くちびる)(?:が|も)?(?:紫|むらさき|青|あお|真っ青|まっさお)|(?:けいれん|痙攣|ひきつけ|引きつけ|引き付け)(?:を)?(?:起こ|おこ|して|し|が止まら|がとまら)|(?<!パニック)発作(?:が|を)(?:起き|起こ|止まら|おき|おこ)|(?:血|ち)が(?:止ま|とま)(?:ら|りません)|(?:出血|しゅっけつ)(?:が)?(?:止まら|とまら|ひど|多|大量|すごい)|大量(?:に|の)?(?:出血|血)|血(?:だらけ|まみれ)|(?:溺|おぼ)れ(?:た|て(?:る|いる))|心臓発作|脳卒中|(?:車|くるま)に(?:はねられ|ひかれ|轢かれ)|アナフィラキシー|(?:頭|あたま)を(?:強く)?(?:打|う)っ(?:て|た)[^]{0,15}(?:意識|動か|吐|血|起き)");
rule("ja.medical.ambulance", "medical",
  "(?:救急車|きゅうきゅうしゃ)(?:を|が|も)?(?:呼|よ)(?:んで|ぶ|んだ|びたい|べ|ぼう|んでください)|(?:救急車|きゅうきゅうしゃ)(?:が)?(?:必要|ひつよう|お願い|おねがい|来て|きて)|(?:救急車|きゅうきゅうしゃ)(?:どう|呼ぶべき|よぶべき)|119(?:番)?(?:に|へ)?(?:電話|でんわ|通報|して|する|かけ|を|呼)|kyu+kyu+sha",
  { weak: true });

// ───────────────────────────── English (and Taglish / other English mixed in) ─────────────────────────────
const EN_NOT = "(?<!\\b(?:don'?t|dont|do not|never|not|no longer|doesn'?t|won'?t|wouldn'?t|didn'?t|not that i)\\s(?:really\\s|even\\s|actually\\s|ever\\s|wanna\\s)?)";
const EN_AGENT =
  "(?:he|she|they|husband|hubby|wife|partner|boyfriend|bf|girlfriend|gf|ex|dad|father|mom|mum|mother|stepdad|stepfather|stepmom|brother|sister|uncle|landlord|roommate|in-?laws?|fiancee?|spouse|man|guy)";
const EN_PARTNER = "(?:he|husband|hubby|wife|partner|boyfriend|bf|girlfriend|gf|ex|fiancee?|spouse|she)";
const EN_CHILD =
  "(?:kids?|child|children|son|daughter|baby|babies|toddler|infant|newborn|stepson|stepdaughter|stepkids?|grandson|granddaughter|little (?:one|boy|girl|brother|sister)|\\d+[- ]?(?:yo|y/o|year[- ]old|years? old)(?: (?:boy|girl|son|daughter))?|nephew|niece)\\b";

rule("en.self_harm.wish", "self_harm",
  `${EN_NOT}\\b(?:want|wanna|wish|wishing|would like|need|ready|deserve|thinking about|think about|thought about|thinking of)\\s(?:to\\s)?(?:just\\s|really\\s|honestly\\s)?(?:die|be dead|kill myself|end (?:it all|my life|everything|things|it)(?!\\s+with)|commit suicide|disappear(?: forever)?|not (?:exist|be here|be alive|wake up)|stop (?:existing|living)|be gone|sleep forever|go to sleep forever|unalive)\\b`,
  { joke: true });
rule("en.self_harm.going_to", "self_harm",
  `${EN_NOT}\\b(?:going to|gonna|gon|about to|will|'ll|plan to|planning to)\\s(?:just\\s)?(?:kill myself|end (?:it all|my life|it tonight)|end it\\b(?!\\s+(?:with|between))|commit suicide|unalive myself|take my (?:own )?life)\\b`,
  { joke: true });
rule("en.self_harm.tonight", "self_harm",
  "\\b(?:tonight|today|this weekend|tomorrow)\\s(?:i'?m|im|i am|i will|i'?ll)\\s(?:going to\\s|gonna\\s)?(?:end it|do it|kill myself|die|end my life)\\b|\\b(?:wrote|written|writing|left)\\s(?:goodbye\\s|farewell\\s|last\\s)?(?:letters?|notes?)\\s(?:to|for)\\s(?:my|the)\\s(?:kids|children|family|wife|husband|mum|mom|parents|son|daughter)\\b",
  { plan: true, ctx: "\\b(?:end it|end my life|kill myself|die|goodbye|suicide|can'?t do this anymore|tonight|last)\\b" });
rule("en.self_harm.all_end", "self_harm",
  `${EN_NOT}\\b(?:want|wanna|wish|need)\\s(?:it all|everything|my life|all of (?:this|it)|it)\\s(?:all\\s)?to (?:end|be over|stop for good)\\b|\\bjust want (?:it|this) (?:all )?to (?:end|be over)\\b`,
  { joke: true });
rule("en.self_harm.wish_dead", "self_harm",
  "\\bi (?:wish|hope) i could (?:just |simply |finally )?(?:die|disappear|vanish|not exist|stop existing|sleep forever|end it)\\b|\\bi (?:wish|hope) (?:i (?:was|were|could be|'d be) dead|i (?:could )?(?:just )?die|i (?:wouldn'?t|won'?t|don'?t|never|do not) wake up|i (?:was|had) never (?:been )?born|i'?d never been born|i could disappear)",
  { joke: true });
rule("en.self_harm.no_wake", "self_harm",
  "(?:don'?t|dont|do not) (?:want|wanna) to wake up(?!\\s+(?:early|at\\b|for\\b|so early|this early))|(?:go to )?sleep and (?:never|not|don'?t) wake up|never wake up again|not wake up (?:tomorrow|again|ever)");
rule("en.self_harm.pointless", "self_harm",
  "(?:(?:don'?t|dont|do not|can'?t|cant|cannot) see (?:the|any)|no|any|what'?s the|whats the) (?:point|reason) (?:in |of |to )?(?:living|live|being alive|going on|keep going|my life|life|existing)\\b|(?:life|living|my life) (?:is|feels|seems) (?:so |just |completely )?(?:pointless|meaningless|not worth (?:it|living))|not worth living|(?:tired|sick) of (?:living|being alive|existing)\\b|(?:don'?t|dont|do not) (?:want|wanna) to (?:live|be alive|exist|go on|keep living)(?!\\s+(?:in|with|here|there|near|at|alone|together|like that|on))(?:\\s+anymore)?",
  { joke: true });
rule("en.self_harm.suicidal", "self_harm",
  "(?<!\\b(?:not|never|no|n'?t)\\s(?:\\w+\\s){0,2})(?:\\b(?:i'?m|im|i am|feeling|feel|been|getting|being)\\s(?:really\\s|so\\s|very\\s|kinda\\s|pretty\\s|a bit\\s)?suicidal|suicidal (?:thoughts|again|feelings?|ideation)|thoughts of (?:suicide|killing myself|ending (?:it|my life))|\\bkms\\b|\\bunaliv(?:e|ing) (?:myself|me)\\b|\\bkill(?:ing)? myself\\b|\\bend(?:ing)? my (?:own )?life\\b|\\btake my (?:own )?life\\b|\\bend it all\\b)",
  { joke: true });
rule("en.self_harm.burden", "self_harm",
  "(?:everyone|everybody|they|my (?:family|kids|children|husband|wife|parents)|the world|people)(?:'d| would| will)? (?:all )?be better off (?:without me|if i (?:was|were|'m|am) (?:gone|dead))|better off (?:dead|without me)|(?:if|when) i(?:'m| am| was| were)? (?:gone|dead),? (?:everyone|everybody|they|my family)|i'?m (?:just )?a (?:burden|waste of space) (?:to everyone|on everyone|and|so|,)");
rule("en.self_harm.means", "self_harm",
  "\\b(?:bought|got|buying|have|has|saved|saving|stockpil\\w*|hoard\\w*|collect\\w*|stash\\w*|hid|hiding|kept|keeping|ordered)\\s(?:up\\s)?(?:\\w+\\s){0,2}?(?:rope|noose|charcoal|a gun)\\b",
  { plan: true, ctx: "\\b(?:die|dying|dead|end|kill|goodbye|tonight|noose|suicide|hang|the night|plan|it all|last)\\b" });
rule("en.self_harm.pills", "self_harm",
  "\\b(?:saving|saved|stockpil\\w*|hoard\\w*|collect\\w*|stash\\w*|storing|gathering)\\s(?:up\\s)?(?:\\w+\\s){0,2}?(?:pills|tablets|meds|medication|sleeping pills|painkillers|insulin)\\b|\\b(?:enough|all my) (?:pills|tablets|meds|sleeping pills) (?:to (?:die|end it|do it|not wake up)|saved)",
  { plan: true });
rule("en.self_harm.cut", "self_harm",
  `${EN_NOT}\\b(?:cut|cutting|slit|slitting|sliced|slicing|burn(?:ed|t|ing)|scratch(?:ed|ing))\\s(?:myself|my (?:wrists?|arms?|legs?|thighs?))(?!\\s+(?:shaving|cooking|by accident|on\\b|accidentally|while|with a knife while))|\\bself[- ]?harm(?:ed|ing)? (?:again|last night|today|yesterday|tonight)|\\bi (?:self[- ]?harm|relapsed)\\b`,
  { plan: true });
rule("en.self_harm.method", "self_harm",
  "\\b(?:jump|jumping|throw myself|throwing myself)\\s(?:off|from|in front of|under|onto)\\s(?:a |the |my |this |that )?(?:\\w+\\s)?(?:bridge|building|roof|balcony|train|tracks|cliff|platform|truck|window)|\\b(?:hang|hanging) myself|\\b(?:step|stepping|walk|walking|lie|lying) in front of (?:a |the )?(?:train|truck|bus)|\\btonight'?s the night\\b|\\b(?:wrote|writing|written|left|leave) (?:a |my )?(?:suicide|goodbye) (?:note|letter)|\\bi have a plan to (?:die|kill|end)|\\b(?:tried|attempted|trying) to (?:kill myself|end my life|commit suicide|overdose)|\\bsuicide attempt\\b|\\b(?:decided|picked|chosen|chose|planned|set)\\s(?:on\\s)?(?:the |a |my )?(?:date|day|time|place|method|spot|way)\\b(?=.{0,40}\\b(?:die|kill|end it|do it|suicide|goodbye))",
  { plan: true });
rule("en.self_harm.overdose", "self_harm",
  "\\b(?:took|swallowed|taken|ate|downed|take|taking)\\s(?:all|a bunch|a lot|a handful|handfuls|a whole (?:bottle|box|pack|strip)|the whole (?:bottle|box|pack|strip)|\\d+|ten|twenty|thirty|forty|fifty|too many|loads|lots|heaps)\\s(?:of\\s)?(?:my\\s|the\\s|his\\s|her\\s|mums?\\s|moms?\\s)?(?:\\w+\\s)?(?:pills|tablets|meds|medicine|medication|sleeping pills|painkillers|paracetamol|tylenol|ibuprofen)\\b|\\bod(?:'?d|ed)\\b|\\boverdos(?:e|ed|ing)\\b(?! on (?:sugar|coffee|caffeine|chocolate|cuteness))",
  { od: true, plan: true });

rule("en.violence.hit_me", "violence",
  "(?<!\\b(?:it|that|this|reality|nostalgia|never|didn'?t|doesn'?t|don'?t|not|won'?t)\\s)\\b(?:hit|hits|hitting|beat|beats|beating|beaten|punch(?:ed|es|ing)?|kick(?:ed|s|ing)?|slap(?:ped|s|ping)?|chok(?:e|ed|es|ing)|strangl(?:e|ed|es|ing)|smack(?:ed|s|ing)?|shov(?:e|ed|es|ing)|attack(?:ed|s|ing)?|rap(?:e|ed|es|ing)|stab(?:bed|s)?|threw|throws|drag(?:ged|s)|grab(?:bed|s)? me by|beat up|beats up|beating up|headbutt(?:ed|s)?|bash(?:ed|es)?|slam(?:med|s)?|pushed)\\s(?:me|us)\\b(?!\\s+(?:up\\b|with (?:questions|work|a deadline)|to it|at\\b|in (?:chess|games?|the game|a race)|out\\b|off\\b))",
  { self: true });
rule("en.violence.thrown", "violence",
  "\\b(?:threw|throws|throwing|hurled|hurls|smashed|swung)\\s(?:a |the |his |her |an? )?(?:\\w+\\s)?\\w+\\s(?:at|into) me\\b|\\b(?:pinned|held) me down\\b",
  { self: true });
rule("en.violence.agent_hurts", "violence",
  `\\b${EN_AGENT}\\s(?:\\w+\\s){0,2}?(?:hurts|hurt|is hurting|keeps hurting|abuses|abused|is abusing|abusive to|threatens|threatened|keeps threatening|is threatening|tried to strangle|tried to choke)\\s(?:me|us)\\b`,
  { self: true });
rule("en.violence.passive", "violence",
  "\\b(?:i'?m|im|i am|i'?ve been|ive been|i have been|i was|i got|i get|i keep getting|i'?m being|we'?re being)\\s(?:being\\s|getting\\s|constantly\\s|always\\s|still\\s)?(?:beaten|hit|punched|kicked|slapped|choked|strangled|abused|assaulted|raped|threatened|stalked|attacked|battered|molested|trafficked)\\b(?!\\s+by (?:a |the )?(?:car|bike|truck|ball|bus|wave|realization|reality|cold|flu|virus|bill|tax))",
  { self: true });
rule("en.violence.kill_threat_partner", "violence",
  `\\b${EN_PARTNER}(?:'ll|'s gonna|'s going to| will| is gonna| is going to| gonna| said (?:he|she|they)(?:'d| would| will|'ll| is gonna| was gonna)| threatened to| threatens to| tried to| wants to| keeps saying (?:he|she)(?:'ll| will| is gonna))\\s(?:\\w+\\s)?(?:kill|murder|stab|shoot|strangle)\\s(?:me|us)\\b|(?:said|says|told me|swore)\\s(?:that\\s)?(?:next time\\s)?(?:he|she|they)(?:'s| is| was)?\\s?(?:going to|gonna|will|'ll|would|'d)\\s(?:\\w+\\s)?(?:kill|murder|stab|shoot)\\s(?:me|us)\\b`,
  { self: true });
rule("en.violence.kill_threat", "violence",
  `\\b${EN_AGENT}(?:'ll|'s gonna|'s going to| will| is gonna| is going to| gonna)\\s(?:\\w+\\s)?(?:kill|murder|hurt|beat)\\s(?:me|us)\\b(?!\\s+(?:if|when|for)\\b)`,
  { self: true, joke: true });
rule("en.violence.weapon", "violence",
  "\\b(?:knife|gun|blade|weapon|scissors|machete)\\b.{0,40}\\b(?:at me|to my (?:throat|neck|head|face)|on me|threaten\\w*)|\\bthreaten(?:ed|s|ing)? (?:me |us )?with (?:a |his |her |their |the )?(?:knife|gun|blade|weapon|scissors)|\\bpulled (?:a |his |her )?(?:knife|gun) (?:on|at) me|\\b(?:pointed|held|holding|waving) (?:a |his |her |the )?(?:knife|gun)\\b",
  { self: true });
rule("en.violence.confined", "violence",
  "\\b(?:won'?t|wont|doesn'?t|does not|will not|never|not) let(?:ting)? me (?:leave|go out|go outside|out\\b|go anywhere|go home|see (?:my )?(?:friends|family)|have my phone|call|use (?:my|the) phone)|\\block(?:ed|s|ing)? me (?:in|inside|up|in the (?:room|house|bathroom|closet))\\b|\\bkeeps? me locked|\\b(?:i'?m|im|i am|being|been) (?:locked|trapped|held) (?:in|inside)\\b(?! (?:a|my) (?:contract|job|lease))|\\bnot allowed to (?:leave|go out)\\b|\\btook my (?:phone|passport|keys|id) (?:and|so)\\b",
  { self: true });
rule("en.violence.other", "violence",
  "\\b(?:stalk(?:s|ed|ing)?|following) me\\b|\\b(?:keeps|keep) (?:following|texting|calling|messaging) me\\b(?=.{0,60}\\b(?:threat|kill|hurt|scared|afraid))|\\b(?:forc(?:ed|es|ing)|makes|made) me (?:to )?(?:have sex|sleep with|do (?:sexual|things)|into (?:prostitution|sex work))|\\bsexually (?:assaulted|abused|harassed) me\\b|\\b(?:he|she|they|husband|wife|partner|boyfriend|bf|gf|girlfriend) (?:is |are )?abus(?:ing|es) me|\\bmy (?:husband|wife|partner|boyfriend|bf|girlfriend|gf) is (?:abusive|violent)\\b|\\bin an abusive (?:relationship|marriage)\\b|\\b(?:experiencing|suffering|going through|victim of|subjected to) (?:domestic|family|dating|intimate partner) (?:violence|abuse)",
  { self: true, weak: true });

rule("en.child_abuse.act", "child_abuse",
  `\\b(?:hit(?:s|ting)?|beat(?:s|ing)?|beat up|beats up|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|spank(?:s|ed|ing)?|whip(?:s|ped|ping)?|burn(?:s|ed|t|ing)?|chok(?:es|ed|ing)|shak(?:es|ing|e)|shook|throw(?:s|ing)?|threw|hurt(?:s|ing)?|abus(?:es|ed|ing)|starv(?:es|ed|ing)|lock(?:s|ed|ing)?|neglect(?:s|ed|ing)?|belt(?:s|ed|ing)?)\\s(?:\\w+\\s){0,2}?(?:my|our|his|her|the|their|that|this|your)\\s(?:\\w+\\s)?${EN_CHILD}(?!\\s+(?:hand|'s hand))`);
rule("en.child_abuse.passive", "child_abuse",
  `\\b${EN_CHILD}\\s(?:\\w+\\s){0,3}?(?:is|gets|got|was|keeps getting|has been|being|getting|are|were)\\s(?:being\\s|getting\\s)?(?:hit|beaten|abused|burned|burnt|locked (?:out|in)|starved|hurt|kicked|slapped|whipped|punched|left alone|neglected|not (?:being )?fed)\\b(?!\\s+(?:out|off)\\b)(?!\\s+by (?:a |the )?(?:car|ball|bike|truck|bus))|\\b${EN_CHILD}\\s(?:\\w+\\s){0,2}?(?:hasn'?t|has not|haven'?t|have not|isn'?t|is not|wasn'?t)\\s(?:been\\s|being\\s)fed\\b|\\b(?:doesn'?t|won'?t|don'?t|doesnt|never) feed (?:the|my|her|his|their|our) (?:\\w+\\s)?${EN_CHILD}|\\b${EN_CHILD}\\s(?:\\S+\\s){0,5}?(?:has|have|with|covered in|full of) (?:bruises|burns|burn marks|marks|welts|cuts)`);
rule("en.child_abuse.pronoun", "child_abuse",
  "\\b(?:stepdad|stepfather|stepmom|stepmother|dad|father|mom|mum|mother|he|she|boyfriend|partner|husband|uncle|grandpa|babysitter)\\s(?:\\w+\\s)?(?:hits|beats|hurts|slaps|kicks|burns|abuses|punches|whips|is hitting|is hurting|keeps hitting)\\s(?:her|him|them)\\b|\\b(?:comes?|coming|came|goes|going)\\s(?:home\\s)?(?:to|from)?\\s?(?:school|daycare|nursery|kindergarten)?\\s?with (?:bruises|burns|marks|injuries)",
  { ctx: EN_CHILD });
rule("en.child_abuse.alone", "child_abuse",
  `\\b(?:left|leaves|leaving|leave)\\s(?:my|our|the|his|her|their)\\s(?:\\w+\\s)?${EN_CHILD}\\s(?:\\w+\\s){0,3}?(?:alone|home alone|by (?:them|him|her)sel(?:f|ves))\\s(?:\\w+\\s){0,2}?(?:for\\s)?(?:days|\\d+ days|two days|three days|nights|overnight|all night|the (?:whole )?weekend|a week)`);
rule("en.child_abuse.fear", "child_abuse",
  `\\b(?:afraid|scared|worried|terrified|fear|frightened|think|feel like)\\s(?:that\\s)?(?:i|im|i'm)\\s?(?:'?ll|will|might|may|am going to|'?m going to|m going to|going to|'?m gonna|gonna|could|would)\\s(?:\\w+\\s)?(?:hurt|hit|harm|shake|kill|smack|snap and hurt|lose it (?:on|with))\\s(?:my|our|the)\\s(?:\\w+\\s)?${EN_CHILD}|\\bi (?:might|could|am going to|'?m going to|'?m gonna|want to|feel like hurting|feel like hitting)\\s(?:\\w+\\s)?(?:hurt|hit|harm|shake|kill)\\s(?:my|our|the)\\s(?:\\w+\\s)?${EN_CHILD}|\\bi (?:hit|hurt|slapped|shook|beat|smacked|choked|kicked|burned) my (?:\\w+\\s)?${EN_CHILD}(?:\\s(?:\\w+\\s)?(?:today|again|yesterday|too hard|so hard|last night|this morning))?`);

rule("en.homeless.nowhere", "homeless_tonight",
  "\\b(?:no ?where|no place|not (?:a|any) place|don'?t have (?:a ?|any ?)?(?:place|where)|dont have (?:a ?|any ?)?(?:place|where)|have no (?:place|where)|got no(?:where| place)|nowhere else)\\s(?:else\\s)?(?:to|i can|we can)\\s(?:sleep|stay|live|spend the night|crash|sleep tonight)\\b|\\bno roof over (?:my|our) heads?");
rule("en.homeless.nowhere_go", "homeless_tonight",
  "\\b(?:no ?where|no place|nowhere else) (?:else )?(?:to go|i can go)\\b",
  { ctx: "\\b(?:tonight|today|right now|now|kicked|evicted|locked|street|streets|outside|car|homeless|landlord|left home|ran away|run away|station|park|shelter|night)\\b" });
rule("en.homeless.rough", "homeless_tonight",
  "\\b(?:sleep|sleeping|slept|sleeps|living|live|lives|staying|spend(?:ing)? the night|spent the night|spend(?:ing)? tonight)\\s(?:\\w+\\s){0,2}?(?:in (?:my|the|a|our) (?:car|van|truck)|on the (?:street|streets|pavement|sidewalk|bench|floor of the station)|in the (?:park|street|station)|at the (?:station|park|bus stop|train station|bus station)|outside|outdoors|rough|on a bench|under a bridge|in an? (?:internet|manga|net) ?cafe)\\b(?!.{0,20}\\bcamp)|\\b(?:sleeping|slept|living) in (?:my|our|the) car\\b");
rule("en.homeless.simple", "homeless_tonight",
  "(?:^|[.!,;]\\s?)(?:i\\s|we\\s)?(?:have\\s)?no (?:house|home|room|place to stay)\\b(?!\\s+(?:rules|work|party|music|for))|\\b(?:sleep|sleeping|slept)\\s(?:at\\s|in\\s|on\\s)?(?:the\\s|a\\s)?(?:station|park|street|streets|car|outside|bench)\\b(?!.{0,20}\\bcamp)");
rule("en.homeless.kicked_out", "homeless_tonight",
  "\\b(?:kicked|thrown|threw|chucked|put|forced)\\s(?:me\\s|us\\s|him\\s|her\\s)?out(?!\\s+(?:of\\s+)?(?:school|class|college|uni|the (?:group|game|chat|club|team|bar|job|program)|my job|work|of school))(?:\\s+of\\s+(?:the\\s+|my\\s+|our\\s+)?(?:house|home|apartment|flat|place|room|dorm|shelter))?|\\b(?:got|been|was|were|being|get|getting) evicted\\b|\\bevicted (?:today|this morning|tonight|just now|yesterday)",
  { weak: true });
rule("en.homeless.locked_out", "homeless_tonight",
  "\\b(?:changed|changing|change) (?:the|my) locks\\b|\\blocked (?:me |us )?out\\b|\\bcan'?t get (?:back )?in(?:to)? (?:my|the|our) (?:apartment|house|room|place|flat)",
  { ctx: "\\b(?:nowhere|tonight|landlord|evict\\w*|all my (?:stuff|things)|no money|street|kicked)\\b" });
rule("en.homeless.homeless", "homeless_tonight",
  "\\b(?:i'?m|im|i am|we'?re|we are|i became|we became|i'?ve become|i just became|i'?m now|currently)\\s(?!not\\b)(?:\\w+\\s)?homeless\\b|\\bhomeless (?:tonight|right now|since (?:yesterday|today|last))");
rule("en.homeless.netcafe", "homeless_tonight",
  "\\b(?:net|internet|manga) ?cafe\\b.{0,60}\\b(?:no money|out of money|can'?t (?:pay|afford)|broke)|\\b(?:no money|out of money|can'?t afford|broke)\\b.{0,60}\\b(?:net|internet|manga) ?cafe");

rule("en.no_food.none", "no_food",
  "\\b(?:no|zero|not any|don'?t have (?:any )?|dont have (?:any )?|do not have (?:any )?|have no|out of|ran out of|run out of|running out of|literally no|there'?s no)\\s(?:more\\s)?(?:food|groceries)\\b(?!\\s+(?:allowed|or drinks?|and drinks?|in the (?:library|class)|court|truck|delivery|poisoning|allerg\\w*|waste|bank))|\\bno food (?:at home|in the house|left|today)\\b");
rule("en.no_food.nothing", "no_food",
  "\\bnothing (?:left )?(?:to|i can|we can|for (?:me|us|the kids) to) eat\\b|\\b(?:don'?t|do not|dont) have (?:anything|nothing) to eat\\b|\\bnothing to feed (?:my|the|our) (?:kids|children|baby|family)");
rule("en.no_food.days", "no_food",
  "\\b(?:haven'?t|havent|have not|hasn'?t|hasnt|didn'?t|did not|not|we haven'?t)\\s(?:\\w+\\s)?(?:eaten|ate|eat|had (?:a )?(?:meal|food|anything))\\s(?:anything\\s|properly\\s|a thing\\s|a proper meal\\s)?(?:in|for|since|over|the (?:past|last))\\s(?:\\w+\\s)?(?:days?|yesterday|\\d+|two|three|four|five|a while|48|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|last)\\b|\\b(?:\\d+|two|three|four|five|several|a few) days? (?:now )?(?:without|with no|of no) (?:food|eating|a meal)\\b");
rule("en.no_food.afford", "no_food",
  "\\b(?:can'?t|cannot|cant|couldn'?t|unable to) afford (?:to (?:eat|buy food)|food|groceries|rice|a meal|anything to eat|to feed)\\b|\\bno money (?:for|to buy|to get) (?:food|groceries|rice|anything to eat)\\b|\\b(?:starving|going hungry)\\b.{0,40}\\b(?:no money|broke|can'?t afford|payday)|\\b(?:no money|broke)\\b.{0,40}\\b(?:starving|going hungry)\\b|\\bskipping meals so (?:my|the|our) kids|\\b(?:we|i)(?:'ve| have)? been going hungry\\b|\\bgoing hungry (?:for|since)\\b");

rule("en.medical.collapse", "medical",
  "(?<!\\b(?:company|business|market|economy|roof|tent|bridge|plan|deal|talks|negotiations?|government|building)s?\\s)\\b(?:just\\s|suddenly\\s|has\\s|have\\s)?(?:passed out|fainted|collapsed|blacked out|keeled over)\\b(?!\\s+(?:drunk|from laughing|laughing|on the (?:couch|sofa)|in bed|watching|after (?:the|a) (?:party|drinks)|asleep))",
  { weak: true, joke: true });
rule("en.medical.unresponsive", "medical",
  "\\b(?:unconscious|unresponsive)\\b|\\b(?:not|isn'?t|is not) (?:responding|reacting|waking up)\\b(?!\\s+to (?:my |the |our )?(?:messages|texts|calls|emails|line|email))|\\b(?:won'?t|wont|will not|doesn'?t|can'?t) wake (?:up|him|her|them)\\b(?!\\s+(?:for|early|in the morning|on time|before))|\\bcan'?t wake (?:him|her|them|my \\w+)");
rule("en.medical.down", "medical",
  "\\b(?:fell|fallen|fell down|collapsed|is lying|lying|laying|found (?:him|her|them))\\b.{0,40}\\b(?:not moving|isn'?t moving|won'?t move|can'?t move|can'?t get up|unconscious|unresponsive|not breathing)\\b");
rule("en.medical.breath", "medical",
  "\\b(?:not|isn'?t|is not|stopped|stop) breathing\\b|\\b(?:can'?t|cannot|cant|can not) breathe\\b(?!\\s+(?:through|out of) (?:my|the|his|her) nose)|\\bcan'?t catch (?:my|his|her) breath\\b|\\b(?:struggling|hard) to breathe\\b|\\b(?:trouble|difficulty) breathing\\b|\\bgasping for (?:air|breath)\\b|\\bno pulse\\b|\\bheart (?:has )?stopped\\b|\\bcardiac arrest\\b|\\b(?:having|had) a (?:heart attack|stroke)\\b|\\bchoking on\\b|\\b(?:is|he'?s|she'?s|started|keeps) choking\\b(?!\\s+(?:me|her|him|on (?:his|her|my) words|up))|\\bswallowed (?:something|a (?:battery|coin|magnet|button|toy))",
  { joke: true });
rule("en.medical.signs", "medical",
  "\\blips (?:are |is |turning |turned |going |look |looks |went )?(?:blue|purple|grey|gray)\\b|\\bturning (?:blue|purple)\\b|\\b(?:having|had|has) (?:a )?(?:seizure|fit|convulsions)\\b|\\bseizing\\b|\\bconvuls\\w+|\\bbleeding (?:a lot|heavily|badly|so much|everywhere|profusely|nonstop|and won'?t stop)\\b|\\bwon'?t stop bleeding\\b|\\bcan'?t stop the bleeding\\b|\\b(?:so much|a lot of|pool of|lots of) blood\\b|\\bblood everywhere\\b|\\blosing (?:a lot of )?blood\\b|\\b(?:drowning|drowned)\\b|\\b(?:got|was|been|just got) (?:hit|run over) by a (?:car|truck|bus|train)\\b",
  { weak: true });
rule("en.medical.ambulance", "medical",
  "\\b(?:call|get|send|need|needs|called|calling|phone|ring|dial)\\s(?:an?\\s|the\\s)?(?:ambulance|paramedics|911|119|999|112|emergency services)\\b|\\bambulance (?:now|please|asap|quick|fast)\\b",
  { weak: true });

// ───────────────────────────── Chinese (zh-Hans, zh-Hant) ─────────────────────────────
const ZH_CHILD = "(?:孩子|小孩|儿子|兒子|女儿|女兒|宝宝|寶寶|婴儿|嬰兒|娃|小朋友|孙子|孫子|孙女|孫女|继子|繼子|继女|繼女)";
const ZH_AGENT = "(?:他|她|人|老公|丈夫|男友|男朋友|前夫|前男友|老婆|妻子|爸爸|爸|父亲|父親|妈妈|媽媽|妈|媽|家人|哥哥|婆婆|公公|对象|對象|同居人|男人|继父|繼父|后爸|後爸)";
rule("zh.self_harm.wish", "self_harm",
  "(?<!不|没|沒|没有|沒有|别|別|不是|並不|并不|不会|不會)(?:(?:想|好想|真想|很想)(?:去)?|要去)死(?![机機定你您他她妳了你]|掉了你)|(?:不想|不要|不願|不愿)(?:再)?(?:活|活下去|活著|活着)(?!动|動)|活不下去|(?:活着|活著|活下去)(?:没|沒|毫無|毫无)(?:有)?(?:意思|意义|意義|希望)|(?:活着|活著)(?:好|太|很|真)(?:累|痛苦|没意思|沒意思)|(?:不想|不要)(?:再)?(?:醒来|醒來|醒過來|醒过来)|(?:希望|但愿|但願)(?:明天|明早|自己)?(?:不要|别|別|不會|不会)(?:再)?(?:醒|醒来|醒來|来|來)|(?:想|好想|真想)(?:要)?(?:消失|离开这个世界|離開這個世界)|(?:结束|結束|了结|了結)(?:自己的?)?(?:生命|一切)|死了(?:算了|就好|一了百了)|不如死了",
  { joke: true });
rule("zh.self_harm.suicide", "self_harm",
  "(?<!没有|沒有|没|沒|不)(?:想|要|去|打算|准备|準備|计划|計劃)(?:去)?(?:自杀|自殺|轻生|輕生|寻死|尋死)|(?<!没有|沒有|没|沒)(?:自杀|自殺|轻生|輕生)(?:的)?(?:念头|念頭|想法|冲动|衝動)");
rule("zh.self_harm.burden", "self_harm",
  "(?:没有我|沒有我|我不在了?|我死了|我消失了?)(?:的话|的話)?[，,]?\\s?(?:大家|家人|他们|他們|孩子|所有人|他|她)?(?:都|就|会|會)*(?:更|比较|比較)?(?:好|轻松|輕鬆|幸福|开心|開心)|我(?:是|就是)(?:个|個|一个|一個)?(?:累赘|累贅|负担|負擔|多余|多餘)");
rule("zh.self_harm.plan", "self_harm",
  "(?:攒|攢|囤|存|收集)(?:了|好了|够了|夠了)?(?:很多|好多|一堆)?(?:的)?(?:安眠)?(?:药|藥)|(?:安眠药|安眠藥)(?:已经|已經)?(?:攒|攢|囤|存|买好|買好|准备好|準備好)|跳楼(?!价|價|大)|跳樓(?!價|价|大)|跳河|跳海|跳桥|跳橋|卧轨|臥軌|割腕|上吊|烧炭|燒炭|遗书|遺書|服毒|喝(?:农药|農藥)|(?:买|買|准备|準備)(?:了|好了)?(?:炭|木炭|绳子|繩子)",
  { plan: true });
rule("zh.self_harm.overdose", "self_harm",
  "(?:吃|吞|喝)(?:了)?(?:很多|一整瓶|整瓶|一大把|一把|好多|大量|\\d+|几十|幾十|一盒|一整盒)(?:颗|顆|片|粒)?(?:的)?(?:安眠药|安眠藥|药|藥|药片|藥片)",
  { od: true, plan: true });
rule("zh.violence.passive", "violence",
  `被(?:${ZH_AGENT}|[^，。,！？!?\\s被]){0,5}?(?:打|揍|踢|掐|殴打|毆打|暴打|家暴|强奸|強姦|性侵|威胁|威脅|关|關|锁|鎖|跟踪|跟蹤|虐待|扇|推倒|勒)(?!扰|擾|折|击|擊|败|敗|动|動|印|卡|针|針|开|開|断|斷|工|电话|電話|车|車|算|包|理|掉|心|注|照|门|門|系|係|联|聯)`);
rule("zh.violence.me", "violence",
  "(?:打|揍|踢|掐|殴打|毆打|家暴|威胁|威脅|勒|扇|推)(?:了)?我(?!电话|電話|手机|手機|们|們的电话)|(?:掐|勒)(?:我)?(?:的)?脖子|(?:拿|用|举|舉|拔)(?:着|著)?(?:刀|菜刀|刀子|剪刀|棍子)(?:威胁|威脅|对着|對著|指着|指著|砍|吓|嚇)|(?:说|說|要|扬言|揚言)(?:要)?(?:杀|殺)(?:了|掉|死)?我|不(?:让|讓|准)我(?:出门|出門|出去|离开|離開|走|回家)|把我(?:锁|鎖|关|關)(?:在|起来|起來)|(?:遭受|遭到|受到)(?:了)?(?:家暴|家庭暴力|暴力)|对我(?:家暴|动手|動手|施暴)|對我(?:家暴|動手|施暴)|强迫我|強迫我",
  { self: true });
rule("zh.child_abuse.act", "child_abuse",
  `(?:打|揍|踢|掐|虐待|烫|燙|饿|餓|关|關|锁|鎖|赶|趕|扇|体罚|體罰|毒打)(?:了)?${ZH_CHILD}|${ZH_CHILD}.{0,4}(?:被|挨|遭)[^，。,！？!?\\s]{0,5}?(?:打|揍|踢|虐待|烫|燙|关|關|锁|鎖|饿|餓|毒打)|${ZH_CHILD}(?:身上)?(?:都是|全是|有很多|满是|滿是)(?:伤|傷|淤青|瘀青)|把${ZH_CHILD}(?:一个人|一個人)?(?:丢|丟|留|关|關|锁|鎖)(?:在)?(?:家|门外|門外|外面)|(?:怕|担心|擔心)(?:我)?(?:会|會)?(?:忍不住)?(?:打|伤害|傷害|掐|揍)${ZH_CHILD}|忍不住(?:打|揍)${ZH_CHILD}|(?:不给|不給)${ZH_CHILD}(?:饭|飯|东西|東西)?吃`);
rule("zh.homeless", "homeless_tonight",
  "(?:没|沒)(?:有)?(?:地方|地儿|住处|住處|落脚|落腳|家)(?:可以|能|可)?(?:住|睡|去|待|呆|过夜|過夜|回)|无家可归|無家可歸|(?:流落|露宿)(?:街头|街頭)|露宿|(?:睡|住)(?:在)?(?:公园|公園|车上|車上|车里|車裡|街上|路边|路邊|车站|車站|网吧|網咖|桥下|橋下|外面)|(?:被|让|讓)(?:房东|房東|老板|老闆|家里|家裡|他|她|公司)?(?:赶|趕)(?:了)?出(?:来|來|去|门|門)|被(?:赶|趕)出");
rule("zh.no_food", "no_food",
  "(?:没|沒)(?:有)?(?:饭|飯)(?:可以|能)?吃|(?:没|沒)(?:有)?(?:东西|東西|食物)(?:可以|能)?吃|(?:没|沒)(?:有)?吃的|(?:没|沒)(?:有)?(?:食物|粮食|糧食)了|(?:一点|一點)?(?:吃的|食物)(?:都|也)(?:没|沒)(?:有)?|(?:\\d+|两|兩|三|四|五|几|幾|好几|好幾|多)(?:天|顿|頓)(?:都|了)?(?:没|沒)(?:有)?(?:吃|进食|進食)|(?:从|從)昨天(?:开始|開始|起|到现在|到現在)?(?:就|都)?(?:没|沒)(?:有)?吃|饿了(?:两|兩|三|\\d+|好几|好幾)天|餓了(?:兩|三|\\d+|好幾)天|(?:买不起|買不起)(?:吃的|食物|饭|飯|米)|(?:没|沒)(?:钱|錢)(?:买|買)(?:吃的|饭|飯|米|食物)");
rule("zh.medical", "medical",
  "(?<!快|要|差点|差點)(?:晕倒|暈倒|昏倒|晕过去|暈過去|昏过去|昏過去)|昏迷|不省人事|(?:没|沒)(?:有)?(?:意识|意識|呼吸|心跳|脉搏|脈搏)|(?:不|没|沒)(?:在)?(?:呼吸|喘气|喘氣)了|停止呼吸|呼吸(?:困难|困難)|(?:叫|喊|摇|搖)不醒|嘴唇(?:发|發|变|變)?(?:紫|青)|抽搐|(?:癫痫|癲癇)(?:发作|發作)|(?:流血|出血)(?:不止|很多|好多)|血(?:一直)?(?:止不住|流不停|流个不停|流個不停)|止不住(?:血)?|大出血|(?:叫|打|快叫)(?:个|個)?(?:救护车|救護車|120|119)|救护车|救護車|心脏病发|心臟病發|中风了|中風了|溺水");

// ───────────────────────────── Korean ─────────────────────────────
const KO_CHILD = "(?:아이|애기|아기|아들|딸|자녀|손주|손자|손녀|(?<![가-힣])애(?!인))";
rule("ko.self_harm.wish", "self_harm",
  "죽고\\s?싶(?!지\\s?않|진\\s?않|지는\\s?않)|죽어\\s?버리고\\s?싶|죽었으면\\s?좋겠|죽는\\s?게\\s?(?:나|낫)|살기\\s?싫|살고\\s?싶지\\s?않|살\\s?이유가\\s?없|사는\\s?(?:게|것이)\\s?(?:의미\\s?없|무의미|지겹)|사라지고\\s?싶|없어지고\\s?싶|눈\\s?(?:안|못)\\s?떴으면|(?:깨어나지|깨지)\\s?않았으면|안\\s?깼으면|(?<!안\\s?)자살\\s?(?:하고\\s?싶|할\\s?거|하려|생각(?!은\\s?없|은\\s?안|이\\s?없|\\s?없)|충동)|극단적\\s?(?:선택|생각)|(?:모든\\s?걸|인생을|다)\\s?끝내고\\s?싶|내가\\s?없으면\\s?(?:다들|모두|가족|다)\\s?(?:더\\s?)?(?:편|행복)",
  { joke: true });
rule("ko.self_harm.plan", "self_harm",
  "(?:번개탄|연탄)\\s?(?:을|를)?\\s?(?:사|샀|사\\s?놨|사놨|피우|준비)|수면제\\s?(?:를|을)?\\s?(?:모아|모았|사\\s?놨|사놨|샀|한\\s?통)|유서\\s?(?:를|을)?\\s?(?:썼|써|쓰고)|뛰어\\s?내리(?:려|고\\s?싶|겠|ㄹ|기로)|목\\s?(?:을\\s?)?(?:매|맬|매달)|손목\\s?(?:을\\s?)?(?:그었|긋|그어)|자해\\s?(?:를\\s?)?(?:했|하고\\s?있|해요|해\\b)",
  { plan: true });
rule("ko.self_harm.overdose", "self_harm",
  "(?:약|수면제|진통제)\\s?(?:을|를)?\\s?(?:한\\s?통|전부|다|많이|한\\s?움큼|\\d+\\s?알)\\s?(?:먹었|삼켰|먹어\\s?버렸)",
  { od: true, plan: true });
rule("ko.violence", "violence",
  "(?:남편|남친|남자\\s?친구|아내|와이프|여친|애인|전남편|전남친|아빠|아버지|엄마|오빠|형|시어머니|동거인|그\\s?사람|그놈|걔)(?:이|가|는|한테|에게)?\\s?(?:\\S+\\s){0,2}?(?:때려|때리|때렸|폭행|목을?\\s?졸|발로\\s?차|찼|협박|감금|가둬|가두|(?:못|안)\\s?나가게)|(?:한테|에게)\\s?(?:\\S+\\s)?(?:맞았|맞고\\s?있|맞아요|맞아서|두들겨\\s?맞|얻어\\s?맞|폭행\\s?당)|(?:두들겨|얻어|매일|또)\\s?맞(?:았|고|아)|(?:나|저|날)(?:를|을)?\\s?(?:때|죽이|가두|가둬)|죽인다고\\s?(?:협박|했|하)|죽이겠다고|칼\\s?(?:을|로)?\\s?(?:들고|들이대|위협|협박)|(?:집|방)에\\s?(?:가둬|갇혀|가두)|폭력\\s?(?:을)?\\s?당(?:하|했|해)|가정\\s?폭력\\s?(?:을\\s?)?(?:당하|당했|피해를\\s?받고)|성폭행\\s?(?:을\\s?)?당|스토킹\\s?(?:을\\s?)?당");
rule("ko.child_abuse", "child_abuse",
  `${KO_CHILD}(?:를|을|한테|에게)\\s?(?:\\S+\\s)?(?:자꾸\\s|매일\\s|또\\s)?(?:때려|때리|때렸|학대|방치|굶기|굶겨|가둬|가두|쫓아내|폭행)|${KO_CHILD}(?:가|이|는|도)?\\s?(?:\\S+\\s)?(?:(?:한테|에게)\\s?)?(?:맞(?:고\\s?있|았|아요|는)|학대\\s?(?:를\\s?)?당|방치\\s?되)|${KO_CHILD}(?:를|을)\\s?(?:때릴|해칠|죽일)\\s?것\\s?같`);
rule("ko.homeless", "homeless_tonight",
  "(?:잘|잠잘|지낼|머물)\\s?(?:곳|데)\\s?(?:이|가|도)?\\s?없|갈\\s?(?:곳|데)\\s?(?:이|가|도)?\\s?없|노숙|(?:길|거리|길거리|밖)에서\\s?(?:자|잤|자고|잘)|(?:차|차\\s?안)에서\\s?(?:자|잤|자고|생활|지내)|(?:역|공원)에서\\s?(?:자|잤|노숙|자고)|(?:집|방|숙소)에서\\s?쫓겨|쫓겨\\s?(?:났|나서|남)(?=[^]{0,20}(?:갈|잘|길|밖|밤|오늘|지금))|(?:찜질방|pc방|피시방)[^]{0,20}돈\\s?(?:이|도)?\\s?없");
rule("ko.no_food", "no_food",
  "먹을\\s?(?:게|것|거|음식|밥)\\s?(?:이|도|가)?\\s?(?:하나도\\s?|아무것도\\s?)?없|(?:며칠|이틀|사흘|\\d+\\s?일|며칠째|이틀째|사흘째|\\d+일째|어제\\s?부터|어제부터)\\s?(?:\\S+\\s){0,2}?(?:굶|못\\s?먹|안\\s?먹|아무것도\\s?(?:못|안))|굶고\\s?있|굶었|(?:쌀|먹을\\s?거)(?:이|가|도)\\s?(?:다\\s?)?(?:떨어졌|없)[^]{0,20}돈|밥\\s?(?:먹을|살)\\s?돈(?:이|도)?\\s?없|돈이\\s?없어서\\s?(?:밥|먹|굶)");
rule("ko.no_food.feed", "no_food",
  "(?:밥|먹을\\s?것|먹을\\s?거|음식)(?:도|을|를)?\\s?(?:못|안)\\s?먹이|(?:애들|아이들|아이|애)(?:을|를|이|가|도)?\\s?(?:굶기|굶고|굶어)");
rule("ko.medical", "medical",
  "쓰러졌|쓰러져\\s?(?:있|서)|의식(?:이|을)?\\s?(?:없|잃)|숨을?\\s?(?:안|못)\\s?(?:쉬|쉼)|숨이\\s?(?:안\\s?쉬|멈)|호흡(?:이)?\\s?(?:없|멈|곤란)|입술이\\s?(?:파래|파랗|보라)|경련|발작(?!적)|피가\\s?(?:안\\s?멈|멈추지|계속|많이)|구급차|119\\s?(?:불러|부르|신고|좀|에\\s?전화)|깨워도\\s?(?:안|못)\\s?일어|반응이\\s?없");

// ───────────────────────────── Vietnamese (rules written without diacritics: they run on the folded copy) ─────────────────────────────
const VI_ME = "(?:em|toi|tao|minh|tui|to|chau|vo|me con em|me con toi)";
const VI_CHILD = "(?:con|con em|con toi|con minh|be|chau|dua nho|thang be|con be|dua con|con trai|con gai|tre|tre con|em be|bon tre|may dua nho)";
rule("vi.self_harm.wish", "self_harm",
  "(?<!(?:khong|chang|cha|dau co|khong he|khong phai|ko|k)\\s)(?:(?:^|\\s)(?:em|toi|tao|minh|tui|con|anh|chi|that su|thuc su|rat|chi|that|thiet)\\s)(?:that su\\s|thuc su\\s|rat\\s|chi\\s|la\\s|lai\\s)?(?:muon|mun|thich)\\s(?:duoc\\s)?chet\\b|^(?:muon|mun)\\schet\\b|(?:chet|di chet)\\s(?:cho xong|cho roi|quach|cho nhe|di cho roi|cho rang)|(?:thoi|hay la)\\s(?:chet|di chet)\\s(?:cho|di|quach)|tự tử|tự sát|\\btu sat\\b|(?:muon|dinh|nghi den|nghi toi|y dinh|chuan bi|tinh|thu|di|da tung|lai muon)\\s(?:viec\\s)?tu tu\\b|quyen sinh|ket lieu (?:ban than|doi minh|cuoc doi)",
  { joke: true });
rule("vi.self_harm.no_live", "self_harm",
  "(?:khong|chang|cha|het|ko|k)\\s(?:con\\s)?(?:muon|thiet|thiet tha)\\s(?:song|ton tai)\\b(?!\\s(?:o|voi|gan|cung|tai|chung|nhu the nay o))|\\bsong\\s(?:(?:the nay|nhu the nay|nhu vay|nhu nay)\\s)?(?:cung\\s)?(?:chang|khong|cha)\\s(?:de\\s)?(?:lam gi|co y nghia|con y nghia)|\\bsong (?:de )?lam gi(?: nua)?\\b|\\bsong khong (?:con )?y nghia|chan song|(?:met|chan|ngan)\\s(?:moi\\s)?(?:voi\\s)?(?:cuoc song|cuoc doi)\\s(?:nay|roi|lam|qua)|muon bien mat|bien mat (?:khoi|cho|luon|vinh vien|mai mai)|khong muon (?:thuc day|tinh day|day|thuc giac) nua|ngu (?:mai|luon|mot giac) (?:khong|cha|dung|ko) (?:day|tinh|thuc)|khong bao gio (?:thuc|tinh) day|ket thuc (?:tat ca|cuoc doi|moi thu|cuoc song|doi minh)|(?:khong co|neu khong co|thieu) (?:em|toi|minh|tao|con) (?:thi\\s)?(?:\\S+\\s){0,2}?(?:tot hon|nhe nhom|thoai mai|hanh phuc)|(?:em|toi|minh|con) (?:chi\\s)?la (?:ganh nang|do thua|ke thua)",
  { joke: true });
rule("vi.self_harm.plan", "self_harm",
  "(?:mua|tich|gom|de danh|chuan bi|tru|cat)\\s(?:san\\s|duoc\\s|nhieu\\s|het\\s|them\\s)?(?:thuoc ngu|thuoc an than|thuoc chuot|thuoc sau|day thung|than hoa|than)\\b|nhay (?:cau|lau|song|tau|xuong song|tu tang|khoi|tu tren)|lao (?:vao|xuong) (?:xe|tau|song)|(?:cat|rach) (?:co tay|mach mau|tay minh)|rach tay|treo co|thu tu tu|thư tuyệt mệnh|thu tuyet menh|uong thuoc (?:chuot|sau|tru sau)",
  { plan: true, ctx: "(?:chet|toi nay|uong het|ket thuc|tu tu|tự tử|xong|tam biet|roi|cau|lau|song|co|tay|mach|tuyet menh|thuoc)" });
rule("vi.self_harm.overdose", "self_harm",
  "uong (?:het|ca|nhieu|ca vi|ca lo|ca hop|ca nam|mot nam|\\d+ vien) (?:\\S+\\s)?(?:thuoc|vien)",
  { od: true, plan: true });
rule("vi.violence.me", "violence",
  `(?<!(?:khong|chua|chang|ko)\\s)\\b(?:danh|dap|bop co|siet co|bop|tat|dam|chem|xo|day nga|hanh ha|hanh hung|bao hanh|cuong hiep|hiep dam|de doa|doa|nhot|dot|dam dao)\\s${VI_ME}\\b(?!\\s(?:gia|thue|roi ve))`,
  { self: true });
rule("vi.violence.passive", "violence",
  "\\bbi\\s(?:chong|ban trai|nguoi yeu|bo|ba|me|anh ay|han|no|ong ay|vo|chong cu|anh ta|thang do|ho|nguoi ta|anh|ong|ke)?\\s?(?:\\S+\\s)?(?:danh|dap|bop co|siet co|hanh hung|bao hanh|cuong hiep|hiep dam|de doa|doa giet|doa|nhot|xam hai|dam|chem|tat|dot)\\b(?!\\s(?:gia|thue|thuc|rot|mat|cap|dau|so|thuc|tieng))");
rule("vi.violence.threat", "violence",
  `(?:doa|de doa|noi se|bao se|hua se|doi|tuyen bo se)\\s(?:se\\s)?giet\\b|(?:cam|dung|vung|cầm)\\s(?:\\S+\\s)?dao\\b(?=[^]{0,30}(?:doa|giet|${VI_ME}|chem))|(?:khong cho|cam)\\s${VI_ME}?\\s?(?:ra|ra ngoai|ra khoi nha|ra khoi phong|di dau|ve nha|di lam|lien lac)\\b|nhot\\s${VI_ME}\\b|(?:bi|dang bi|van bi)\\s(?:\\S+\\s){0,3}?theo doi\\b(?=[^]{0,40}(?:doa|giet|so|sợ))`);
rule("vi.child_abuse", "child_abuse",
  `\\b(?:danh|dap|bao hanh|hanh ha|nhot|bo doi|bo mac|dot|tat|danh dap)\\s(?:\\S+\\s)?${VI_CHILD}\\b|\\b${VI_CHILD}\\s(?:\\S+\\s)?bi\\s(?:\\S+\\s){0,2}?(?:danh|dap|bao hanh|nhot|bo doi|bo mac|bo roi|xam hai|hanh ha)|(?:so|lo)\\s(?:em|toi|minh)?\\s?(?:se\\s|lo tay\\s|co the\\s)*(?:danh|lam dau|lam hai|bop co)\\s${VI_CHILD}\\b|\\b(?:bo|de)\\s${VI_CHILD}\\s(?:\\S+\\s)?(?:o nha\\s)?mot minh\\s(?:\\S+\\s)?(?:may|nhieu|\\d+|hai|ba)\\s(?:ngay|dem)`);
rule("vi.homeless", "homeless_tonight",
  "(?:khong|chang|ko|k|het)\\s(?:co|con)\\s(?:cho|noi|phong)\\s(?:de\\s)?(?:o|ngu|nghi|tru|o lai|ve)\\b|khong co nha (?:de )?(?:o|ve)|vo gia cu|(?:ngu|dang ngu|phai ngu|nam)\\s(?:o\\s)?(?:ngoai duong|le duong|duong pho|cong vien|nha ga|ga|tren xe|trong xe|ngoai troi|duoi gam cau|gam cau|via he|o to|xe hoi|ngoai)\\b|\\bbi\\s(?:\\S+\\s){0,2}?(?:duoi|tong co|tong)(?!\\s?(?:viec|hoc))\\s?(?:ra|khoi|di)?\\s?(?:khoi\\s)?(?:nha|phong|ky tuc xa|cho o|khu tro)?|dang (?:o|ngoi|ngu) (?:ngoai duong|o ga|cong vien|nha ga)");
rule("vi.no_food", "no_food",
  "(?:khong|chang|ko|k|het)\\s(?:co|con)\\s(?:gi|cai gi|thu gi|do)\\s(?:de\\s)?an\\b|(?:het|khong co|khong con|chang con)\\s(?:do an|thuc an|luong thuc|tien an|tien mua do an|tien mua gao|tien an com)\\b|(?:chua|khong|ko|chang)\\s(?:duoc\\s)?an\\s(?:gi|uong gi|com|bua nao|duoc gi)\\s?(?:ca\\s)?(?:tu|may|ca|\\d+|hai|ba|suot)|(?:may|hai|ba|\\d+|nhieu)\\s(?:ngay|hom|bua)\\s(?:nay\\s|roi\\s|lien\\s|nay roi\\s)?(?:em|toi|minh|ca nha|chung toi|me con)?\\s?(?:chua|khong|ko|nhin|phai nhin)\\s?(?:duoc\\s)?(?:an|doi)\\b|nhin doi|bo bua (?:vi|do) (?:khong co|het) tien|het gao(?=[^]{0,40}(?:tien|chua an|doi|khong co gi|khong co|mua))");
rule("vi.medical", "medical",
  "(?<!cuoi\\s|muon\\s|sap\\s)\\bngat(?:\\s?xiu)?\\b(?!\\s?(?:ngay|dien|ket noi|mang|loi|quang))|bat tinh|\\bxiu\\s(?:roi|xuong|di)\\b|\\bkhong (?:con\\s)?tinh\\b(?!\\s?(?:tao|tien|phi|den|toan|la|gi|luon|ca))|khong (?:con\\s)?tho\\b|ngung (?:tho|tim)|kho tho|môi (?:bị\\s)?(?:tím|xanh)|tim tai|co giat|chay (?:rat\\s)?(?:nhieu\\s)?mau\\s(?:nhieu|khong ngung|khong cam|qua nhieu|lien tuc|rat nhieu)|mat (?:nhieu|rat nhieu) mau|qua lieu|dot quy|len con dau tim");
rule("vi.medical.ambulance", "medical",
  "goi (?:xe\\s)?cap cuu|xe cap cuu|cap cuu (?:gap|ngay)|goi 119",
  { weak: true });

// ───────────────────────────── Portuguese (pt-BR, colloquial: to/ta/tô/tá, nao, q, vc) ─────────────────────────────
const PT_CHILD = "(?:filh[oa]s?|filhinh[oa]s?|crianc[ao]s?|bebe|bebezinho|nenem|menin[oa]s?|net[oa]s?|entead[oa]s?|garot[oa]s?|moleques?|pequen[oa]s?)\\b";
rule("pt.self_harm.wish", "self_harm",
  "(?<!\\b(?:nao|n|nunca|nem|ninguem)\\s(?:\\w+\\s)?)\\b(?:quero|queria|quer|vontade de|penso em|pensando em|pensei em|decidi|pretendo|preciso|vou)\\s(?:\\w+\\s)?(?:morrer|me matar|sumir|desaparecer|me suicidar|acabar com (?:tudo|a minha vida|minha vida|a vida)|tirar (?:a )?(?:minha )?(?:propria )?vida|dormir (?:e|pra|para) (?:nao|nunca mais|n) acordar|nunca mais acordar|nao acordar mais|parar de viver|deixar de existir)\\b(?!\\s+de\\b)",
  { joke: true });
rule("pt.self_harm.no_live", "self_harm",
  "\\b(?:cansei|cansad[oa]|to cansad[oa]|estou cansad[oa]|farto|farta) de viver\\b|\\b(?:nao|n) (?:quero|aguento|consigo) mais viver\\b|\\b(?:nao|n) quero viver\\b(?!\\s+(?:aqui|com|assim em|nessa cidade))|\\bsem vontade de viver\\b|\\bseria melhor (?:nao acordar|morrer|nao existir|sumir|nunca ter nascido|estar mort[oa])\\b|\\b(?:nao|n|nem) quero (?:mais )?acordar\\b|\\b(?:nao|n) (?:tem|ha|vejo) (?:mais )?(?:sentido|motivo|razao) (?:em |pra |para |de )?viver\\b|\\bviver (?:nao|n) (?:tem|faz) (?:mais )?sentido\\b|\\b(?:pensamentos?|ideias?) (?:de )?suicid\\w*|\\bseria melhor (?:se eu (?:morresse|sumisse|nao existisse|desaparecesse)|sem mim)\\b|\\b(?:todos|todo mundo|minha familia) (?:ficaria|estaria|seria|vai ficar) melhor sem mim\\b|\\bsou (?:so )?um peso (?:pra|para) (?:todos|todo mundo|minha familia)",
  { joke: true });
rule("pt.self_harm.plan", "self_harm",
  "\\bcomprei (?:uma |a )?(?:corda|veneno|carvao|chumbinho)\\b|\\b(?:juntando|guardando|acumulando|juntei|guardei|escondendo)\\s(?:\\w+\\s)?(?:remedios?|comprimidos?|pilulas?|calmantes?)\\b|\\bme cort(?:ei|ando|o)\\b|\\bcort(?:ei|ar|o) (?:os |meus |o |meu )?pulsos?\\b|\\b(?:pular|me jogar|me atirar|pulo)\\s(?:da|de|do|na frente d[oa])\\s(?:\\w+\\s)?(?:ponte|predio|janela|sacada|viaduto|trem|metro|caminhao|onibus)\\b|\\bcarta de despedida\\b|\\bdecidi (?:o dia|a hora|quando|como|o lugar)\\b|\\bme enforcar\\b|\\btentei (?:me matar|suicidio|me suicidar)\\b",
  { plan: true });
rule("pt.self_harm.overdose", "self_harm",
  "\\b(?:tomei|tomou|engoli|engoliu)\\s(?:todos os|todas as|varios|varias|muitos|muitas|uma cartela|a cartela|o vidro|a caixa|\\d+)\\s(?:\\w+\\s)?(?:remedios?|comprimidos?|pilulas?|calmantes?)\\b|\\b(?:tomei|tomou) (?:\\w+\\s)?(?:remedios?|comprimidos?) demais\\b",
  { od: true, plan: true });
rule("pt.violence.me", "violence",
  "(?<!\\b(?:nao|n|nunca)\\s)\\bme\\s(?:bate|bateu|batendo|bater|espanca|espancou|espancando|enforcou|enforca|enforcando|sufocou|sufoca|chutou|chuta|chutando|empurrou|estuprou|estupra|ameaca|ameacou|ameacando|tranca|trancou|trancando|agride|agrediu|agredindo|machuca|machucou|socou|soca|esfaqueou|queimou|deu (?:um |uns )?(?:soco|socos|tapa|tapas|murro|chute|chutes))\\b|\\b(?:bate|bateu|batendo) em mim\\b|\\bapanh(?:o|ei|ando)\\b|\\b(?:sou|to|ta|estou|fui)\\s(?:sendo\\s)?(?:agredid[oa]|espancad[oa]|ameacad[oa]|estuprad[oa]|abusad[oa])\\b|\\b(?:ameac\\w*) (?:de )?morte\\b|\\b(?:faca|arma|revolver|canivete)\\b.{0,30}\\b(?:me|ameac\\w*|pescoco)\\b|\\b(?:nao|n) me deixa (?:sair|ir|ver|usar|trabalhar)\\b|\\bme (?:deixa|deixou|mantem) trancad[oa]\\b|\\b(?:sofro|sofrendo|vitima de) (?:violencia|abuso|agressao)",
  { self: true });
rule("pt.violence.kill_threat", "violence",
  "\\b(?:vai|quer|ameacou|ameaca|disse que vai|falou que vai|disse q vai|falou q vai|prometeu|jurou|disse que ia|falou que ia)\\s(?:me\\s)?matar\\b",
  { self: true, joke: true });
rule("pt.child_abuse", "child_abuse",
  `\\b(?:bate|bateu|batendo|bater|espanca|espancou|espancando|queima|queimou|tranca|trancou|agride|agrediu|machuca|machucou|maltrata|maltratou|chuta|chutou|surra|deu (?:uma )?surra)\\s(?:\\w+\\s){0,2}?(?:n[oa]s?|em|o|a|os|as|meu|minha|meus|minhas|nosso|nossa|seu|sua)\\s(?:\\w+\\s)?${PT_CHILD}|\\b${PT_CHILD}\\s(?:\\w+\\s){0,3}?(?:apanha|apanhou|apanhando|sendo (?:espancad|agredid|maltratad)\\w*|com marcas|cheio de (?:marcas|roxos|hematomas))|\\bdeix(?:a|ou|ando|am)\\s(?:\\w+\\s){0,2}?${PT_CHILD}\\s(?:\\w+\\s){0,2}?sozinh\\w*|\\b(?:medo|receio) de (?:acabar )?(?:machucar|bater|fazer mal|agredir|matar)\\s(?:\\w+\\s)?${PT_CHILD}`);
rule("pt.homeless", "homeless_tonight",
  "\\b(?:nao|n|nem) (?:tenho|temos|tem|ha)\\s(?:\\w+\\s)?(?:onde|lugar (?:pra|para|onde)|pra onde|para onde|aonde)\\s(?:\\w+\\s)?(?:dormir|ficar|ir|morar|passar a noite)\\b|\\bsem lugar (?:pra|para) (?:dormir|ficar|morar)\\b|\\b(?:dormir|dormindo|durmo|dormi|morar|morando|moro|vivendo|vivo|passar a noite|passando a noite)\\s(?:\\w+\\s){0,3}?(?:na rua|no carro|na praca|no parque|na estacao|debaixo (?:da|de uma) ponte|num banco|ao relento)\\b|\\bfui despejad[oa]\\b|\\b(?:me|nos) (?:despejaram|despejou|expulsou|expulsaram|botou pra fora|colocou pra fora|jogou na rua|mandou embora de casa|tirou de casa)\\b|\\b(?:trocou|trocaram|mudou) (?:a |as )?fechaduras?\\b|\\bsem teto\\b|\\bdesabrigad[oa]s?\\b|\\b(?:fiquei|ficamos) na rua\\b|\\b(?:to|estou|tamo|estamos) na rua sem\\b");
rule("pt.no_food", "no_food",
  "\\b(?:nao|n) (?:tem|tenho|temos|ha|sobrou)\\s(?:mais\\s)?(?:nada\\s)?(?:pra|para|de|o que)?\\s?(?:comer|comida|alimento|arroz)\\b|\\bnada (?:pra|para|de) comer\\b|\\bsem (?:nada pra |nada para )?(?:comida|comer)\\b|\\b(?:faz|ha|tem|ja faz)\\s(?:\\d+|dois|duas|tres|varios|uns|alguns)\\sdias\\s(?:que\\s)?(?:\\w+\\s)?(?:nao|n|sem)\\s(?:\\w+\\s)?(?:como|comemos|comi|comer|comendo|comida)\\b|\\b(?:\\d+|dois|tres|varios) dias sem (?:comer|comida)\\b|\\b(?:nao|n) comi (?:nada\\s)?(?:desde|hoje|ontem|o dia todo|faz)\\b|\\b(?:nao|n) (?:tenho|temos) (?:dinheiro|grana)\\s(?:nem\\s)?(?:pra|para) (?:comer|comida|comprar comida|o mercado)\\b|\\bpassando fome\\b|\\b(?:acabou|acabaram) (?:o |a |os )?(?:arroz|comida|mantimentos)\\b(?=.{0,50}\\b(?:dinheiro|grana|comprar)\\b)");
rule("pt.medical", "medical",
  "\\bdesmai(?:ou|ei|ada|ado|aram)\\b|\\b(?:nao|n) (?:ta|esta) respirando\\b|\\b(?:nao|n) respira\\b|\\bparou de respirar\\b|\\bsem respirar\\b|\\binconsciente\\b|\\bdesacordad[oa]\\b|\\b(?:nao|n) (?:acorda|reage)\\b|\\b(?:nao|n) (?:ta|esta) (?:respondendo|reagindo|acordando)\\b(?!\\s+(?:as |minhas |a |mensag|no |o |meu |ao ))|\\blabios? (?:roxos?|azul|azuis|arroxeados?)\\b|\\bconvuls\\w+|\\bataque (?:epiletico|cardiaco)\\b|\\binfarto\\b|\\bavc\\b|\\bsangrando muito\\b|\\bsangue (?:nao|n) para\\b|\\bmuito sangue\\b|\\bperdendo (?:muito )?sangue\\b|\\boverdose\\b|\\bengasgad[oa]\\b|\\bafogad[oa]\\b|\\b(?:nao|n) (?:consegue|consigo) respirar\\b");
rule("pt.medical.ambulance", "medical",
  "\\b(?:chama|chame|chamar|chamem|liga|ligue|ligar|ligo|preciso de|precisa de)\\s(?:uma |a |o |pro |para o |pra )?(?:ambulancia|samu|119|bombeiros?)\\b",
  { weak: true });

// ───────────────────────────── Spanish ─────────────────────────────
const ES_CHILD = "(?:hij[oa]s?|hijit[oa]s?|ni[nñ][oa]s?|bebes?|nene|nena|chamac[oa]s?|crios?|cri[aa]turas?|niet[oa]s?|hijastr[oa]s?|peque[nñ][oa]s?)\\b";
rule("es.self_harm.wish", "self_harm",
  "(?<!\\b(?:no|nunca|tampoco)\\s(?:me\\s)?)\\b(?:quiero|queria|quisiera|ganas de|pienso en|pensando en|voy a|decidi|necesito)\\s(?:\\w+\\s)?(?:morir(?:me)?|matarme|suicidarme|desaparecer|quitarme la vida|acabar con (?:todo|mi vida)|dormir y no despertar|no despertar(?: mas)?|dejar de vivir|dejar de existir)\\b(?!\\s+de\\b)|\\bme quiero (?:morir|matar)\\b(?!\\s+de\\b)",
  { joke: true });
rule("es.self_harm.no_live", "self_harm",
  "\\b(?:ya )?no quiero (?:seguir )?(?:vivir|viviendo|existir|despertar)\\b(?!\\s+(?:aqui|en|con|asi en))|\\bno (?:vale|tiene) (?:la pena|sentido) (?:seguir )?(?:vivir|viviendo)\\b|\\b(?:vivir|la vida) no tiene sentido\\b|\\bno le veo sentido a (?:la vida|vivir)\\b|\\bcansad[oa] de vivir\\b|\\b(?:seria|es|sera) mejor (?:no despertar|morir(?:me)?|no existir|desaparecer|estar muert[oa]|no haber nacido)\\b|\\bojala (?:me muera|no despertara|no despierte|estuviera muert[oa]|me muriera)\\b|\\b(?:pensamientos|ideas) (?:de )?suicid\\w*|\\b(?:todos|mi familia) (?:estarian|estaria) mejor sin mi\\b|\\bseria mejor (?:para todos )?si (?:yo )?(?:desapareciera|me muriera|no existiera|muriera)\\b|\\bsoy una carga (?:para todos|para mi familia)",
  { joke: true });
rule("es.self_harm.plan", "self_harm",
  "\\bcompre (?:una )?(?:soga|cuerda|veneno|carbon)\\b|\\b(?:guardando|juntando|acumulando|tengo|guarde|junte)\\s(?:las\\s|mis\\s|unas\\s)?(?:pastillas|pildoras|medicinas|calmantes)\\s(?:\\w+\\s){0,3}?(?:guardadas|juntas|para (?:hacerlo|morir|matarme|esta noche)|suficientes)\\b|\\bme (?:corte|estoy cortando|cortaba|corto) (?:las venas|los brazos|las munecas)\\b|\\bme corte\\b|\\b(?:tirarme|aventarme|lanzarme|me voy a tirar)\\s(?:del|de la|de un|de una|desde|al|frente al?)\\s(?:\\w+\\s)?(?:puente|edificio|balcon|tren|metro|azotea|ventana)\\b|\\bcarta de despedida\\b|\\bahorcarme\\b|\\bintente (?:matarme|suicidarme|quitarme la vida)\\b|\\bya (?:decidi|elegi) (?:el dia|la hora|como|cuando|el lugar)\\b",
  { plan: true });
rule("es.self_harm.overdose", "self_harm",
  "\\bme (?:tome|trague)\\s(?:todas las|un frasco de|una caja de|muchas|varias|\\d+)\\s(?:\\w+\\s)?(?:pastillas|pildoras|medicinas|calmantes)\\b|\\b(?:se tomo|se trago)\\s(?:todas las|un frasco de|muchas|\\d+)\\s(?:pastillas|pildoras)\\b",
  { od: true, plan: true });
rule("es.violence.me", "violence",
  "(?<!\\b(?:no|nunca)\\s)\\bme\\s(?:pega|pego|pegaba\\s(?:otra vez|de nuevo)|golpea|golpeo|golpean|golpearon|patea|pateo|ahorca|ahorco|estrangul\\w+|amenaza|amenazo|encierra|encerro|violo|viola|empuja|empujo|lastima|lastimo|maltrata|obliga|obligo|quemo|acuchillo|dio (?:una )?(?:paliza|golpiza|cachetada|bofetada|patada))\\b(?!\\s+(?:la gana|un susto|el sol|fuerte el|mucho el))|\\bme (?:va|iba) a matar\\b|\\b(?:amenazo|amenaza) con matarme\\b|\\bdijo que me (?:va|iba) a matar\\b|\\b(?:cuchillo|navaja|pistola|arma)\\b.{0,30}\\b(?:me|amenaz\\w*|cuello)\\b|\\bno me deja (?:salir|ir|ver|usar|trabajar)\\b|\\bme tiene encerrad[oa]\\b|\\b(?:sufro|sufriendo|vivo|victima de) (?:violencia|maltrato|abuso)\\b",
  { self: true });
rule("es.child_abuse", "child_abuse",
  `\\b(?:pega|pego|golpea|golpeo|patea|pateo|quema|quemo|encierra|encerro|maltrata|maltrato|lastima|lastimo|azota|zarandea)\\s(?:\\w+\\s){0,2}?(?:a |al )?(?:mi|mis|su|sus|nuestro|nuestra|los|las|el|la)\\s(?:\\w+\\s)?${ES_CHILD}|\\ble pega a (?:mi|su|el|la) ${ES_CHILD}|\\b${ES_CHILD}\\s(?:\\w+\\s){0,3}?(?:tiene moretones|tiene marcas|esta golpead|es golpead|le pegan|se queda sol[oa]s?)|\\bdeja\\s(?:a\\s)?(?:mis|los|las|sus|mi|su)\\s${ES_CHILD}\\s(?:\\w+\\s){0,2}?sol[oa]s?|\\bmiedo de (?:pegarle|lastimar|hacerle dano|hacerle daño|golpear)\\s(?:a\\s)?(?:mi|mis)\\s${ES_CHILD}`);
rule("es.homeless", "homeless_tonight",
  "\\b(?:no tengo|no tenemos|sin|no hay)\\s(?:\\w+\\s)?(?:donde|a donde|adonde|lugar (?:para|donde))\\s(?:\\w+\\s)?(?:dormir|quedarme|quedarnos|ir|vivir|pasar la noche)\\b|\\b(?:dormir|durmiendo|duermo|dormi|vivo|viviendo|vivir|pasar la noche)\\s(?:\\w+\\s){0,2}?en (?:la calle|el carro|el coche|el auto|el parque|la estacion|un banco)\\b|\\bme (?:echaron|corrieron|sacaron|botaron) (?:de la casa|del departamento|del cuarto|de casa|del piso|a la calle)\\b|\\bdesalojad[oa]s?\\b|\\b(?:estoy|estamos|quede|quedamos) en la calle\\b|\\bsin techo\\b");
rule("es.no_food", "no_food",
  "\\bno (?:tengo|tenemos|hay)\\s(?:nada\\s)?(?:que|para|de)\\scomer\\b|\\bno (?:tengo|tenemos|hay) comida\\b|\\bsin comida\\b|\\b(?:llevo|llevamos) (?:\\d+|dos|tres|varios) dias sin comer\\b|\\bno (?:he|hemos) comido (?:nada )?(?:desde|en|hace)\\b|\\bno (?:tengo|tenemos) (?:dinero|plata) (?:para|pa) (?:comida|comer)\\b|\\bpasando hambre\\b|\\bse (?:acabo|termino) (?:el arroz|la comida)\\b(?=.{0,50}\\b(?:dinero|plata|comprar)\\b)");
rule("es.medical", "medical",
  "\\bse desmayo\\b|\\bdesmayad[oa]\\b|\\binconsciente\\b|\\bno respira\\b|\\bdejo de respirar\\b|\\bno (?:puede|puedo) respirar\\b|\\blabios (?:morados|azules)\\b|\\bconvulsi\\w+|\\bsangrando mucho\\b|\\bno (?:para|deja) de sangrar\\b|\\bsobredosis\\b|\\bno (?:reacciona|despierta|responde)\\b(?!\\s+(?:a )?(?:mis |los |el |la )?(?:mensajes|llamadas|whatsapp))|\\binfarto\\b|\\bahogando\\b");
rule("es.medical.ambulance", "medical",
  "\\bllam(?:a|en|ar|e|o)\\s(?:una |a una |la |al |a la )?(?:ambulancia|119|911)\\b|\\bnecesito una ambulancia\\b",
  { weak: true });

// ───────────────────────────── Tagalog / Taglish (English mixed in is caught by the English rules) ─────────────────────────────
const TL_CHILD = "(?:anak|bata|baby|pamangkin|apo|bunso|panganay)";
rule("tl.self_harm.wish", "self_harm",
  "(?<!\\b(?:ayoko|ayokong|ayaw ko|ayaw kong|hindi ko|di ko|hindi ako|di ako)\\s(?:\\w+\\s)?)\\b(?:gusto|gustong|gusto ko|sana)\\s(?:ko\\s|kong\\s)?(?:na\\s|nang\\s|nalang\\s|na lang\\s|nang\\s)?(?:mamatay|mawala|maglaho|magpakamatay|matulog nang hindi na magising)\\b|\\bayoko na(?:ng)? (?:mabuhay|mabuhay pa)\\b|\\bayaw ko na(?:ng)? mabuhay\\b|\\bpagod na (?:ako |ko )?(?:sa buhay|mabuhay)\\b|\\bwala (?:nang|na ang|ng) (?:saysay|kwenta|silbi|kuwenta) (?:ang buhay|mabuhay|ang buhay ko)\\b|\\bmagpapakamatay\\b|\\bmagpakamatay\\b|\\bmamatay na (?:lang|lng)\\b|\\bsana (?:hindi na ako|di na ko|di na ako|hindi na ko) (?:magising|gumising)\\b|\\btatapusin ko na (?:ang lahat|ang buhay ko|to|ito|'to)\\b|\\bmas (?:mabuti|okay|ok) (?:pa )?kung wala na ako\\b|\\bpabigat (?:lang )?ako\\b(?=.{0,40}(?:mawala|mamatay))",
  { joke: true });
rule("tl.self_harm.plan", "self_harm",
  "\\bbumili (?:na )?(?:ako )?ng (?:lubid|lason|uling)\\b|\\bnag-?ipon (?:na )?(?:ako )?ng (?:gamot|pills|tabletas)\\b|\\btumalon (?:sa|mula sa) (?:tulay|building|gusali|bubong)\\b|\\b(?:maglaslas|naglaslas|naglalaslas|laslas)\\b|\\b(?:magbigti|nagbigti|bibigti)\\b",
  { plan: true });
rule("tl.self_harm.overdose", "self_harm",
  "\\buminom (?:ako |siya |sya )?ng (?:maraming|lahat ng|isang banig ng|isang bote ng|\\d+(?: na)?) (?:gamot|pills|tabletas|sleeping pills)\\b",
  { od: true, plan: true });
rule("tl.violence", "violence",
  "\\b(?:binubugbog|binugbog|bugbugin|sinasaktan|sinaktan|sasaktan|sinasampal|sinampal|sinipa|sinisipa|sinakal|sinasakal|tinutukan|pinagbabantaan|binantaan|ikinulong|kinulong|ikinukulong|ginahasa|hinahampas|hinampas|sinusuntok|sinuntok)\\s(?:\\w+\\s)?(?:ako|kami|niya ako|nya ako|ako ng)\\b|\\b(?:ako|kami) (?:ay )?(?:binubugbog|sinasaktan|sinasampal|sinasakal|ginahasa|kinukulong)\\b|\\b(?:papatayin|patayin) (?:daw |raw )?(?:niya |nya )?(?:ako|kami)\\b|\\b(?:ayaw|hindi|di) (?:niya |nya )?(?:akong|ako) (?:palabasin|pinapalabas|payagang lumabas)\\b|\\btinutukan (?:ako )?ng (?:kutsilyo|baril|patalim)\\b",
  { self: true });
rule("tl.child_abuse", "child_abuse",
  `\\b(?:binubugbog|binugbog|sinasaktan|sinaktan|pinapalo|pinalo|sinasampal|hinahampas|kinukulong|ikinulong|pinababayaan|hindi pinapakain|di pinapakain|sinusuntok)\\s(?:\\S+\\s){0,5}?(?:ang |yung |si |ang aking |mga )?${TL_CHILD}|\\b${TL_CHILD}\\s(?:\\S+\\s){0,2}?(?:ay )?(?:binubugbog|sinasaktan|pinapalo|iniiwan(?:g)? mag-?isa|hindi pinapakain)|\\b(?:natatakot|takot) (?:ako|akong) (?:na )?(?:masaktan|saktan|mapalo|mabugbog) (?:ko )?(?:ang|yung) ${TL_CHILD}|\\bbaka (?:masaktan|mapalo|saktan) ko (?:ang|yung) ${TL_CHILD}`);
rule("tl.homeless", "homeless_tonight",
  "\\bwala (?:na )?(?:akong |kaming |kami |ako )?(?:matutulugan|matitirhan|mapuntahan|matulugan|tirahan|lugar na matutulugan)\\b|\\b(?:natutulog|matutulog|natulog)\\s(?:lang\\s)?(?:ako\\s|kami\\s)?(?:lang\\s)?(?:sa (?:kalye|kalsada|labas|park|parke|estasyon|station|kotse|sasakyan|car|bangketa|ilalim ng tulay))\\b|\\bsa (?:kalye|kalsada) (?:ako |kami )?(?:natutulog|matutulog|nakatira)\\b|\\bpinalayas (?:ako|kami)\\b|\\bpinaalis (?:ako|kami) (?:sa|ng)\\b|\\bhomeless (?:na )?(?:ako|kami)\\b");
rule("tl.no_food", "no_food",
  "\\bwala (?:na )?(?:akong |kaming |kami |ako )?(?:makain|pagkain|makakain|bigas|pambili ng pagkain|maipakain)\\b|\\bwalang (?:food|pagkain|makain|bigas)\\b|\\bhindi pa (?:ako |kami )?kumakain (?:mula|simula|since|ng|buong)\\b|\\b(?:dalawang|tatlong|ilang|\\d+) araw (?:na )?(?:kaming |akong |kami |ako )?(?:hindi|di) (?:kumakain|kumain|nakakakain)\\b|\\bgutom na gutom (?:na )?(?:kami|ako) (?:at|pero) wala");
rule("tl.medical", "medical",
  "\\b(?:nahimatay|hinimatay|walang malay|nawalan ng malay|hindi (?:na )?humihinga|di humihinga|hindi makahinga|di makahinga|nangingitim|kinukumbulsyon|nangingisay|nagkukumbulsyon|ayaw gumising|hindi magising|di magising)\\b|\\bdumudugo nang (?:sobra|marami|husto)\\b");
rule("tl.medical.ambulance", "medical",
  "\\b(?:tumawag|tawag|tawagan|tawagin)\\s(?:kayo\\s|nyo\\s|mo\\s|ng\\s)*(?:ng\\s)?(?:ambulansya|ambulansiya|ambulance|119)\\b",
  { weak: true });

// ───────────────────────────── Nepali (Devanagari and romanised: marna man lagyo, khana chaina) ─────────────────────────────
rule("ne.self_harm.wish", "self_harm",
  "मर्न\\s?मन\\s?(?:लाग्यो|लाग्छ|लागेको|लागिरहेको|छ(?!ै))|मर्न\\s?(?:चाहन्छु|पाए\\s?हुन्थ्यो)|मरूँ\\s?जस्तो|मरुँ\\s?जस्तो|मरौं\\s?जस्तो|(?<!ले\\s?|र\\s?)(?:म\\s)?मर्छु|मर्ने\\s?(?:विचार|सोच)|बाँच्न\\s?मन\\s?(?:छैन|लाग्दैन|नै\\s?छैन)|बाँच्नुको\\s?(?:अर्थ|के\\s?अर्थ|कुनै\\s?अर्थ)|बाँचेर\\s?(?:के|केही)\\s?(?:गर्नु|फाइदा)|आत्महत्या\\s?(?:गर्छु|गर्न|गर्ने|गर्नेछु|गरौं|को\\s?विचार)|हराउन\\s?मन|(?:जीवन|जिन्दगी)\\s?(?:देखि\\s?)?(?:दिक्क|थाकें|थाकेँ|बेकार|व्यर्थ)|\\bmarna\\s?(?:man|mann)\\s?(?:lagyo|lagchha|lagcha|lagxa|chha|cha|xa)\\b|\\b(?:ma\\s)?mar(?:chhu|chu|xu)\\b|\\bbachna\\s?(?:man)?\\s?(?:chaina|chhaina|xaina|lagdaina)\\b|\\b(?:aatmahatya|atmahatya|atmahatya)\\s?(?:garchu|garchhu|garxu|garna|garne)?\\b|\\bharauna\\s?man\\b",
  { joke: true });
rule("ne.self_harm.plan", "self_harm",
  "डोरी\\s?(?:किने|किनें|किनिसकें|किनिसकेँ|किनेको|तयार)|(?:विष|बिष|झोल)\\s?(?:किने|किनें|खान्छु|खाएँ|खाएको|तयार)|(?:निद्राको|सुत्ने)\\s?(?:औषधि|चक्की)\\s?(?:जम्मा|धेरै|किने|किनें)|झुन्डिएर|झुण्डिएर|फाँसी\\s?(?:लाग्छु|लगाउँछु)|हाम\\s?फाल्छु|हामफाल्छु|नस\\s?काट|\\bdori\\s?kin|\\b(?:bikh|bish|bis)\\s?(?:khanchhu|khanchu|khaye|khayeko)\\b|\\bjhundiyera\\b|\\bham\\s?falchu\\b",
  { plan: true });
rule("ne.violence", "violence",
  "(?<!पहिले\\s?[^।]{0,20})(?:कुट्छ|कुट्यो|कुटे|कुट्छन्|कुट्नुहुन्छ|कुटपिट\\s?गर(?:्छ|्यो|ेको|्छन्)|पिट्छ|पिट्यो|पिटे|हान्छ|हान्यो|लात\\s?हान्|घाँटी\\s?(?:थिच्|निमोठ)|मार्छु\\s?भन्|मारिदिन्छु|मार्ने\\s?धम्की|धम्की\\s?दिन्छ|थुनेर\\s?राख|थुनिदिन्छ|थुनिदियो|बाहिर\\s?(?:जान|निस्कन)\\s?दिँदैन|बलात्कार\\s?गर|जबरजस्ती\\s?गर)|\\b(?:kutchha|kutcha|kutxa|kutchan|kutyo|kutpit\\s?gar\\w*|pitchha|pitcha|pitxa|pityo|ghanti\\s?thich\\w*|marchhu\\s?bhan\\w*|maridinchhu|dhamki|thunera\\s?rakh\\w*|bahira\\s?jana\\s?dind(?:aina|ainan))\\b");
rule("ne.child_abuse", "child_abuse",
  "(?:छोरा|छोरी|बच्चा|नानी|बाबु|केटाकेटी|छोराछोरी|नातिनी|नाति)(?:लाई|हरूलाई)\\s?(?:[^।\\s]+\\s){0,3}?(?:कुट्|पिट्|हान्|जलाइ|थुन|खान\\s?दिँदैन|एक्लै\\s?छाड्)|(?:बच्चा|छोरा|छोरी)(?:लाई)?\\s?(?:कुट्छु|पिट्छु)\\s?कि|\\b(?:chhora|chora|chhori|chori|baccha|bachha|nani)lai\\s(?:\\S+\\s){0,2}?(?:kut|pit|han)\\w*");
rule("ne.homeless", "homeless_tonight",
  "(?:सुत्ने|बस्ने|रहने|जाने|बास\\s?बस्ने)\\s?(?:ठाउँ|ठाँउ|ठाउं|घर|कोठा)\\s?(?:नै\\s?|पनि\\s?|कतै\\s?)?छैन|घर\\s?(?:नै\\s?)?छैन|सडकमा\\s?(?:सुत्|बस्)|बाहिर\\s?(?:नै\\s?)?सुत्|गाडीमा\\s?सुत्|स्टेशनमा\\s?(?:सुत्|छु|बस्)|(?:घरबाट|कोठाबाट|घरबेटीले|घरधनीले)\\s?(?:[^।\\s]+\\s)?(?:निकाल|निकालिदियो|धपा)|\\b(?:sutne|basne|jane|rahane)\\s(?:thau|thaun|thaau|ghar|kotha)\\s(?:nai\\s|pani\\s)?(?:chaina|chhaina|xaina)\\b|\\bghar\\s(?:nai\\s)?(?:chaina|chhaina|xaina)\\b|\\b(?:sadak|sadakma|bahira|bahira nai|gadima|station ma|stationma)\\s?(?:nai\\s)?sut\\w*|\\b(?:nikalidiyo|nikaldiyo|nikali diyo|nikale)\\b");
rule("ne.no_food", "no_food",
  "खाना\\s?(?:नै\\s?|पनि\\s?)?(?:छैन|सकियो)|खाने\\s?(?:कुरा|केही)\\s?(?:केही\\s?)?(?:छैन)|(?:\\d+|दुई|तीन|चार|केही)\\s?दिन(?:देखि|भयो|देखी)?\\s?(?:[^।\\s]+\\s?){0,3}?(?:खाएको|खाएका|खान\\s?पाएको)\\s?छैन|केही\\s?खाएको\\s?छैन|भोकै\\s?(?:छु|छौं|छौँ|बस्|सुत्)|चामल\\s?(?:सकियो|छैन)|\\bkhana\\s(?:nai\\s|pani\\s)?(?:chaina|chhaina|xaina|sakiyo)\\b|\\bkhane\\s(?:kura|kehi)\\s(?:chaina|chhaina|xaina)\\b|\\b(?:kehi|kei|kei pani)\\s(?:khayeko|khaeko)\\s(?:chaina|chhaina|xaina)\\b|\\bbhokai\\s(?:chu|chhu|xu|basnu|sut\\w*)\\b");
rule("ne.medical", "medical",
  "बेहोस|बेहोश|होस\\s?(?:छैन|गुम|हरा)|सास\\s?(?:फेर्दैन|फेरिरहेको\\s?छैन|रोकियो|छैन|फेर्न\\s?सक्दैन)|(?:ढल्यो|ढलिन्|ढले|लड्यो)\\s?(?:[^।\\s]+\\s?){0,2}?(?:उठ्दैन|बोल्दैन|होस)|रगत\\s?(?:रोकिएन|रोकिँदैन|धेरै\\s?बग)|मुर्छा\\s?पर्|एम्बुलेन्स|एम्बुलेंस|\\bbeho(?:s|sh)\\b|\\bsaas\\s(?:ferdaina|fereko\\s?chaina|chaina|rokiyo)\\b|\\bragat\\s(?:rokiyena|rokidaina|dherai)\\b|\\bmurchha\\b");

// ───────────────────────────── Indonesian ─────────────────────────────
const ID_NEG = "(?<!\\b(?:tidak|gak|ga|nggak|enggak|ngga|tak|bukan|gk|ndak)\\s(?:\\w+\\s)?)";
const ID_CHILD = "(?:anak|anakku|anaknya|bayi|bayiku|balita|putra|putri|adik kecil|cucu)\\b";
rule("id.self_harm.wish", "self_harm",
  `${ID_NEG}\\b(?:ingin|pengen|pengin|pingin|mau|kepengen|rasanya (?:ingin|pengen|mau)|kepikiran)\\s(?:\\w+\\s)?(?:mati|bunuh diri|menghilang|hilang (?:aja|saja|dari dunia)|mengakhiri (?:hidup|semuanya|segalanya)|tidur (?:selamanya|dan tidak bangun lagi|terus gak bangun))\\b|\\b(?:capek|lelah|cape|muak|cpk)\\s(?:\\w+\\s)?(?:hidup|dengan hidup|sama hidup)\\b|\\b(?:tidak|gak|ga|nggak|enggak|udah gak|sudah tidak)\\s(?:ingin|mau|pengen)\\shidup(?: lagi)?\\b(?!\\s+(?:di|dengan|sama|bareng))|\\bhidup (?:tidak|gak|ga|nggak) (?:ada )?(?:artinya|gunanya|berarti)\\b|\\bbuat apa (?:aku |saya |gue )?hidup\\b|\\blebih baik (?:aku|saya|gue) mati\\b|\\bsemua(?:nya)? (?:akan )?lebih baik tanpa (?:aku|saya|gue)\\b|\\b(?:aku|saya|gue) (?:cuma|hanya) (?:jadi )?beban\\b(?=.{0,40}(?:mati|hilang|pergi))`,
  { joke: true });
rule("id.self_harm.plan", "self_harm",
  "\\b(?:beli|udah beli|sudah beli|siapin|nyiapin|menyiapkan)\\s(?:\\w+\\s)?(?:tali|racun|obat nyamuk cair|arang)\\b|\\b(?:ngumpulin|kumpulin|mengumpulkan|menimbun|nimbun|nyimpen)\\s(?:\\w+\\s)?(?:obat|pil)\\b|\\b(?:beli|udah beli|sudah beli)\\s(?:\\w+\\s)?obat tidur\\b(?=.{0,50}(?:semua|banyak|mati|malam ini|minum))|\\b(?:lompat|loncat|terjun)\\s(?:dari\\s)?(?:jembatan|gedung|atap|lantai|apartemen)\\b|\\b(?:nyilet|menyilet|menyayat|sayat|potong|iris)\\s(?:\\w+\\s)?(?:tangan|nadi|pergelangan)\\b|\\bgantung diri\\b|\\bsurat (?:wasiat|perpisahan)\\b|\\b(?:nyoba|mencoba|coba) bunuh diri\\b",
  { plan: true });
rule("id.self_harm.overdose", "self_harm",
  "\\b(?:minum|menelan|nelen)\\s(?:semua|banyak|sebotol|satu botol|segenggam|\\d+ (?:butir|biji|tablet))\\s(?:\\w+\\s)?(?:obat|pil|obat tidur)\\b",
  { od: true, plan: true });
rule("id.violence", "violence",
  `(?:suami|pacar|cowok|cowo|istri|ayah|bapak|bapa|ibu|mertua|mantan|dia|pasangan)(?:ku|nya|\\ssaya|\\sgue)?\\s(?:\\w+\\s){0,2}?(?:memukul|mukul|mukulin|menampar|nampar|nendang|menendang|mencekik|nyekik|ngancam|mengancam|menyiksa|nyiksa|mengurung|ngurung|memperkosa|menganiaya|nganiaya)\\s(?:aku|saya|gue|gw|ku)\\b|(?<!\\b(?:anak|bayi|putra|putri|cucu|adik)\\s)\\b(?:aku|saya|gue|gw)\\s(?:\\w+\\s)?(?:dipukul|dipukuli|ditampar|ditendang|dicekik|diancam|disiksa|dikurung|diperkosa|dianiaya|digebukin)\\b|\\b(?:ngancam|mengancam|mau|akan)\\s(?:mau\\s)?(?:bunuh|membunuh)\\s(?:aku|saya|gue|gw)\\b|\\bngancam bunuh\\b|\\b(?:korban|mengalami|kena)\\s(?:kdrt|kekerasan)\\b|\\b(?:tidak|gak|ga|nggak) (?:boleh|dibolehin|diizinkan) keluar(?: rumah)?\\b|\\bpisau\\b.{0,30}\\b(?:ngancam|mengancam|aku|saya)\\b`,
  { self: true });
rule("id.child_abuse", "child_abuse",
  `\\b${ID_CHILD}(?:\\s(?:saya|aku|gue|ku))?\\s(?:\\w+\\s){0,2}?(?:dipukul|dipukuli|ditampar|disiksa|dikurung|ditelantarkan|dibiarkan sendiri|ditinggal sendiri|ditinggal sendirian|tidak dikasih makan|gak dikasih makan|disundut|ditendang|dianiaya)\\b|\\b(?:memukul|mukulin|mukul|menyiksa|nyiksa|menampar|menelantarkan|nendang|menganiaya)\\s(?:\\w+\\s)?${ID_CHILD}|\\btakut\\s(?:aku\\s|saya\\s)?(?:akan\\s)?(?:memukul|mukul|menyakiti|nyakitin|nyakiti)\\s${ID_CHILD}`);
rule("id.homeless", "homeless_tonight",
  "\\b(?:tidak|gak|ga|nggak|enggak|gk)\\s(?:ada|punya)\\s(?:tempat|rumah)\\s(?:tinggal|untuk tidur|buat tidur|tidur|berteduh|pulang|bermalam)\\b|\\btidur di (?:jalan|jalanan|stasiun|taman|mobil|emperan|kolong jembatan|luar|pinggir jalan|masjid)\\b|\\bdiusir (?:dari|sama|oleh)\\b|\\b(?:aku|saya|gue|kami) (?:jadi )?(?:gelandangan|tunawisma)\\b");
rule("id.no_food", "no_food",
  "\\b(?:tidak|gak|ga|nggak|enggak|gk)\\s(?:ada|punya)\\s(?:makanan|apa-apa untuk dimakan|yang bisa dimakan|beras|uang (?:untuk|buat) makan)\\b|\\bbelum makan (?:apa-apa |apapun |sama sekali )?(?:dari|sejak) (?:kemarin|kemaren|\\d+ hari|dua hari|tiga hari|kmrn)\\b|\\b(?:dari|sejak) (?:kemarin|kemaren|kmrn) belum makan\\b|\\b(?:\\d+|dua|tiga|beberapa) hari (?:\\w+\\s)?(?:belum|tidak|gak|ga|nggak) makan\\b|\\b(?:gak|tidak|ga) bisa beli makan(?:an)?\\b|\\b(?:beras|makanan) habis\\b(?=.{0,40}\\b(?:uang|duit)\\b)");
rule("id.medical", "medical",
  "(?<!\\b(?:mau|hampir|rasanya|kayak|serasa)\\s)\\bpingsan\\b|\\b(?:tidak|gak|ga|nggak|tak) sadar(?:kan diri)?\\b|\\b(?:tidak|gak|ga|nggak) (?:bernapas|bernafas|napas|nafas)\\b|\\bsesak (?:napas|nafas)\\b|\\bsusah (?:napas|nafas|bernapas)\\b|\\bbibir(?:nya)? (?:biru|membiru|ungu)\\b|\\bkejang\\b|\\b(?:pendarahan|perdarahan) (?:hebat|banyak|parah)\\b|\\bdarah(?:nya)? (?:tidak|gak|ga) (?:berhenti|mau berhenti)\\b|\\boverdosis\\b|\\b(?:tidak|gak|ga) (?:mau )?bangun(?:-bangun)?\\s(?:walau|meski|padahal)");
rule("id.medical.ambulance", "medical",
  "\\b(?:panggil|telepon|telpon|hubungi)\\s(?:\\w+\\s)?(?:ambulans|ambulance|119)\\b",
  { weak: true });

// ───────────────────────────── Thai (written without spaces on the folded copy) ─────────────────────────────
rule("th.self_harm.wish", "self_harm",
  "(?<!ไม่|ไม่ได้|ไม่ได้จะ)(?:อยาก|อยากจะ)ตาย(?!แล้วเกิดใหม่)|ไม่อยาก(?:มีชีวิต|อยู่)(?:อยู่)?(?:แล้ว|ต่อ|บนโลก)|อยู่ไปก็ไม่มี(?:ความหมาย|ประโยชน์)|ไม่อยากตื่น(?:ขึ้นมา)?อีก|ไม่ต้องตื่นอีก|อยากหายไป(?:จากโลก)?|(?<!ไม่)(?:อยาก|คิด|จะ)ฆ่าตัวตาย|อยากจบชีวิต|คิดสั้น|ตายไป(?:คง|ก็)(?:ดี|จะดี)|ตายไปซะ|ถ้าไม่มี(?:ฉัน|หนู|ผม|เรา)(?:ทุกคน)?(?:คง)?(?:จะ)?(?:ดีกว่า|สบาย)|เบื่อ(?:ที่จะ)?(?:มีชีวิต|ชีวิต)(?:อยู่)?",
  { joke: true });
rule("th.self_harm.plan", "self_harm",
  "ซื้อ(?:ยานอนหลับ|เชือก|ยาพิษ|ถ่าน|ยาฆ่าแมลง)|(?:สะสม|เก็บ|ตุน)ยา(?:นอนหลับ)?(?:ไว้)?|กรีด(?:ข้อมือ|แขน|ตัวเอง)|เชือดข้อมือ|กระโดด(?:ตึก|สะพาน|จากตึก|ลงจาก|น้ำ|ให้รถไฟ)|ผูกคอ|จดหมายลา(?:ตาย)?|ลองฆ่าตัวตาย",
  { plan: true });
rule("th.self_harm.overdose", "self_harm",
  "กินยา(?:นอนหลับ)?(?:หมด|เกินขนาด|ทั้งแผง|ทั้งขวด|ทั้งกล่อง|\\d+เม็ด|เยอะ)",
  { od: true, plan: true });
rule("th.violence", "violence",
  "(?:โดน|ถูก)(?:แฟน|สามี|ผัว|พ่อ|แม่|เขา|มัน|พี่|ภรรยา|เมีย|แฟนเก่า|พ่อเลี้ยง)?(?:ตบ|ตี(?!ตั๋ว|ราคา|พิมพ์)|ทุบ|ต่อย|เตะ|ทำร้าย|บีบคอ|ขู่|ข่มขืน|กักขัง|ขัง|ซ้อม|กระทืบ)|(?:แฟน|สามี|ผัว|พ่อเลี้ยง|เขา|มัน|แฟนเก่า|เมีย|ภรรยา)(?:ชอบ|มัก|ก็|มา)?(?:ตบ|ตี|ทุบ|ต่อย|เตะ|ซ้อม|ทำร้าย|บีบคอ|ขู่|ขัง|ไม่ให้(?:ออก|ไป))|ขู่(?:จะ)?ฆ่า|(?:ใช้|เอา|ถือ)มีด(?:มา)?(?:ขู่|จ่อ|ไล่)|ไม่ให้(?:ฉัน|หนู|ผม|เรา)?ออก(?:จาก)?(?:บ้าน|ห้อง)|ถูกกักตัว");
rule("th.child_abuse", "child_abuse",
  "(?:ตี|ทุบ|ต่อย|เตะ|ทำร้าย|ซ้อม|ขัง|ทิ้ง|ไม่ให้ข้าว|ไม่ให้กิน|ตบ|ไม่เลี้ยง)(?:ลูก(?!ค้า|บอล|กอล์ฟ|เทนนิส|ชิ้น|ตุ้ม|ศร|ปืน|อม|ทีม|น้อง)|เด็ก)|(?:ลูก(?!ค้า|บอล|กอล์ฟ|เทนนิส|ชิ้น|ทีม)|เด็ก)[^\\s]{0,6}(?:ถูก|โดน)(?:[^\\s]{0,6})?(?:ตี|ทุบ|ทำร้าย|ซ้อม|ทิ้ง|ขัง)|(?:ลูก|เด็ก)[^\\s]{0,6}อยู่คนเดียว[^\\s]{0,4}หลายวัน|กลัว(?:ว่า)?(?:ตัวเอง|ฉัน|จะ)?[^\\s]{0,4}(?:ตี|ทำร้าย)ลูก");
rule("th.homeless", "homeless_tonight",
  "ไม่มี(?:ที่|บ้าน|ห้อง)(?:จะ)?(?:นอน|อยู่|ซุกหัวนอน|พัก|ไป)|นอน(?:ข้างถนน|ริมถนน|ใต้สะพาน|ในรถ|ที่สถานี|ในสวน|สวนสาธารณะ|ข้างทาง|นอกบ้าน|บนถนน)|(?:โดน|ถูก)ไล่(?:ออก)?(?:จาก)?(?:บ้าน|ห้อง|หอ|ที่พัก)|ไร้ที่อยู่|(?:ฉัน|หนู|ผม|เรา)(?:เป็น|กลายเป็น)คนไร้บ้าน");
rule("th.no_food", "no_food",
  "ไม่มี(?:อะไร|ข้าว|ของ)(?:จะ)?กิน|ไม่มีอาหาร|ไม่ได้กิน(?:อะไร|ข้าว)?(?:มา)?(?:\\d+|สอง|สาม|สี่|หลาย)วัน|(?:\\d+|สอง|สาม|สี่|หลาย)วัน(?:แล้ว)?(?:ที่)?ไม่ได้กิน|อดข้าว(?:มา)?(?:\\d+|สอง|สาม|หลาย)วัน|ข้าวสารหมด[^]{0,30}(?:เงิน|ซื้อ)|ไม่มีเงินซื้อ(?:ข้าว|อาหาร|ของกิน)");
rule("th.medical", "medical",
  "หมดสติ|ไม่รู้สึกตัว|ไม่หายใจ|หายใจไม่ออก|หยุดหายใจ|ชักกระตุก|ชักเกร็ง|อาการชัก|กำลังชัก|ชักไม่หยุด|(?:ปาก|ริมฝีปาก)(?:เขียว|ม่วง|ซีดเขียว)|เลือดไหลไม่หยุด|เลือดออก(?:เยอะ|มาก)|(?<!จะ|เกือบ|แทบ)เป็นลม(?!แดดนิดหน่อย)|ล้ม(?:ลง)?(?:ไม่|หมดสติ)");
rule("th.medical.ambulance", "medical",
  "(?:เรียก|โทร(?:หา|เรียก)?)(?:รถพยาบาล|119|1669)|รถพยาบาล(?:ด่วน|ด้วย)",
  { weak: true });

// ───────────────────────────── Burmese (Myanmar script, Unicode) ─────────────────────────────
rule("my.self_harm.wish", "self_harm",
  "(?<!မ)သေ(?:လိုက်|သွား)?ချင်|(?:ကိုယ့်ကိုယ်ကို|ကိုယ့်ကိုကိုယ်)\\s?(?:သတ်သေ|အဆုံးစီရင်)|အသက်\\s?(?:ဆက်\\s?)?မ?(?:ရှင်|နေ)ချင်တော့|ရှင်သန်ရတာ\\s?အဓိပ္ပာယ်\\s?မရှိ|ပျောက်(?:သွား|ကွယ်)ချင်|မနိုး(?:တော့)?ချင်|မနိုးလာရင်\\s?ကောင်း",
  { joke: true });
rule("my.self_harm.plan", "self_harm",
  "အိပ်ဆေး(?:တွေ)?\\s?(?:ဝယ်|စု|သိမ်း)|ကြိုး\\s?(?:ဝယ်|ဆွဲချ)|ခုန်ချ(?:မယ်|ချင်)|လက်ကောက်ဝတ်\\s?(?:လှီး|ဖြတ်)|ကြိုးဆွဲ(?:ချ)?(?:မယ်|သေ)|သတ်သေဖို့",
  { plan: true });
rule("my.self_harm.overdose", "self_harm",
  "ဆေး(?:တွေ|ပြား)?\\s?(?:အများကြီး|အကုန်|တစ်ကတ်လုံး|တစ်ဗူးလုံး)\\s?သောက်",
  { od: true, plan: true });
rule("my.violence", "violence",
  "(?<!ဓာတ်ပုံ\\s?|စာ\\s?|ပုံ\\s?|ဗီဒီယို\\s?|ရုပ်ရှင်\\s?|ဖုန်း\\s?|တိုက်)(?:ရိုက်နှက်|ရိုက်(?!ကူး|ချက်|ထည့်|ထည်|ပြ|နှိပ်)|နှိပ်စက်|ကန်ကျောက်|လည်ပင်း\\s?ညှစ်|ခြိမ်းခြောက်|သတ်မယ်|ပိတ်လှောင်|မုဒိမ်း)|အရိုက်ခံ|(?:အပြင်|အိမ်ပြင်)\\s?မထွက်ခိုင်း|အိမ်ထဲ(?:မှာ)?\\s?ပိတ်ထား");
rule("my.child_abuse", "child_abuse",
  "(?:ကလေး|(?<!အ)သား(?!ရေ)|သမီး|ကလေးငယ်|သားသမီး)(?:လေး|တွေ)?ကို\\s?(?:[^\\s]{0,30}?)(?:ရိုက်|နှိပ်စက်|ပိတ်ထား|ထမင်းမကျွေး|ချန်ထားခဲ့|ကန်ကျောက်)|(?:ကလေး|(?<!အ)သား(?!ရေ)|သမီး|ကလေးငယ်)(?:လေး|တွေ)?(?:က)?\\s?(?:[^\\s]{0,20}?)(?:အရိုက်ခံ|ရိုက်ခံရ|နှိပ်စက်ခံ)");
rule("my.homeless", "homeless_tonight",
  "(?:အိပ်|နေ|သွား)စရာ\\s?(?:နေရာ)?\\s?မရှိ|လမ်း(?:ပေါ်|ဘေး)(?:မှာ)?\\s?အိပ်(?!ခဲ့)|ကား(?:ထဲ)?(?:မှာ)?\\s?အိပ်(?!ခဲ့)|ဘူတာ(?:ရုံ)?(?:မှာ)?\\s?အိပ်(?!ခဲ့)|(?:နှင်ထုတ်|မောင်းထုတ်)|အိမ်ခြေမဲ့");
rule("my.no_food", "no_food",
  "စားစရာ\\s?(?:ဘာမှ|ဘာတစ်ခုမှ)?\\s?မရှိ|ထမင်း\\s?(?:စားစရာ\\s?မရှိ|မစားရ)|(?:နှစ်|သုံး|လေး|\\d+|ရက်)\\s?ရက်\\s?(?:[^\\s]{0,8})?\\s?(?:ဘာမှ\\s?)?မစားရ|မနေ့က(?:တည်းက)?\\s?(?:[^\\s]{0,8})?\\s?(?:ဘာမှ\\s?)?မစားရ|ဆန်\\s?(?:ကုန်|မရှိ)[^]{0,20}(?:ပိုက်ဆံ|ငွေ)|ငတ်(?:နေ|ပြီ)|(?:ပိုက်ဆံ|ငွေ)\\s?မရှိ(?:လို့)?\\s?(?:ထမင်း|စားစရာ)");
rule("my.medical", "medical",
  "သတိလစ်|သတိ\\s?မရ|အသက်\\s?မရှူ|အသက်ရှူ\\s?(?:မဝ|ကျပ်|မရ)|နှုတ်ခမ်း\\s?(?:ပြာ|မဲ)|ဝက်ရူးပြန်|သွေး\\s?(?:မတိတ်|အများကြီး|တွေ\\s?အများကြီး)|လဲ(?:ကျ)?သွား[^]{0,15}(?:မလှုပ်|သတိ)");
rule("my.medical.ambulance", "medical",
  "လူနာတင်(?:ယာဉ်|ကား)|ဆေးရုံ\\s?ကား\\s?ခေါ်|အမ်ဘူလန်",
  { weak: true });

// Thai SARA AM and a few other letters change under NFKC; literals are normalised like the text is.
function nfkc(re: RegExp): RegExp {
  return new RegExp(re.source.normalize("NFKC"), re.flags);
}

// ───────────────────────────── Figures of speech, masked before any rule runs ─────────────────────────────
const MASKS: RegExp[] = [
  // ja
  /(?:死|し)ぬ(?:ほど|くらい|ぐらい|かと(?:思|おも)|気で|きで)|(?:死|し)にそう|(?:死|し)ぬ(?:死|し)ぬ|(?:死|し)んだ(?:ように|かと)/gu,
  /(?:恥ずかし|はずかし|恥ずい|はずい)(?:くて|すぎて|さで|い|すぎ)?[^。]{0,4}(?:死|し|消|き)(?:にたい|ぬ|ね|えたい)/gu,
  /(?:ネット|sns|ツイッター|ヤフコメ|ネット上|twitter|インスタ|ねっと)で(?:叩|たた)かれ|(?:肩|かた)を(?:叩|たた)かれ|飛び込み(?:営業|で|参加)|とびこみ(?:えいぎょう|で)/gu,
  /(?:笑|わら)[^。]{0,8}(?:息|いき)が(?:でき|出来)(?:ない|なかった|なく)/gu,
  /(?:上司|部長|課長|先生|母|親|締め切り|締切|課題|宿題|仕事|テスト)(?:に|から)?(?:殺|ころ)され|(?:殺|ころ)す気か/gu,
  // en
  /\b(?:dying|die|dyin|died) (?:to|for)\b|\bi'?d (?:kill|die) for\b/gu,
  /\bdead (?:tired|serious|beat|bored|on|wrong|right|set|last|inside lol)\b|\b(?:bored|scared|worried|sick|tired) to death\b|\bto death of\b/gu,
  /\b(?:kill|killing|killed|kills)\s(?:some\s|the\s|a little\s)?time\b|\bkill(?:ed|ing)? it\b/gu,
  /\b(?:job|work|exam|test|queue|line|heat|boss|this|that|it|school|homework|traffic|commute|shift|manager|kids|baby|mortgage|rent|deadline|class|teacher|feet|back|legs|week|paperwork|wait)\s(?:is\s|are\s|was\s|were\s|'s\s|'re\s)?(?:literally\s|actually\s|honestly\s|nearly\s|almost\s|gonna\s|going to\s|really\s)?(?:killing|kill|killed)\s(?:me|us)\b/gu,
  /\b(?:mom|mum|dad|mother|father|parents|boss|teacher|coach|sister|brother|grandma|nan)(?:'s| is| will|'ll)?\s(?:gonna\s|going to\s)?kill me (?:if|when)\b/gu,
  /\blaugh(?:ed|ing)?\s(?:so hard\s)?(?:that\s)?(?:i\s)?(?:almost\s|nearly\s)?(?:died|cried|couldn'?t breathe|can'?t breathe)|\b(?:died|dying|dead|die) (?:of )?laughing\b|\b(?:almost|nearly) died (?:laughing|of)\b|\b(?:gave|give|giving) me a heart attack\b|\b(?:almost|nearly) had a heart attack\b/gu,
  // zh
  /(?:忙|累|饿|餓|热|熱|冷|困|烦|煩|气|氣|吓|嚇|笑|痛|闷|悶|穷|窮|丑|醜|羞|尴尬|尷尬|無聊|无聊|美|帅|帥|爽|急|渴|懒|懶|烦|挤|擠|吵|难|難|臭|酸|疼|晒|曬)死(?:了|我了|人了|我|人|啦|掉了)?|想死(?:你|您|他|她|妳)|得(?:要|快)死|半死|死定了|死机|死機|跳楼价|跳樓價|快(?:晕倒|暈倒)/gu,
  // ko
  /(?:배고파|배고프|피곤해|힘들어|더워|추워|졸려|바빠|웃겨|심심해|짜증나|귀찮아|아파|부끄러워|창피해|쪽팔려|보고\s?싶어|좋아|귀여워|맛있어|설레)\s?(?:서\s)?(?:죽겠|죽을\s?것\s?같|죽는\s?줄|죽을\s?뻔)|(?:창피|부끄러|쪽팔)\S*\s?(?:죽고\s?싶|사라지고\s?싶)/gu,
  // vi (folded)
  /\b(?:met|doi|cuoi|nong|lanh|buon ngu|chan|ban|so|dau|nho|thuong|yeu|dep|ngai|xau ho|hoi hop|sung suong|vui|thom|ngon|lo|buon cuoi|ngu)\s?(?:qua\s|gan\s|muon\s)?(?:chet|muon chet)(?:\s?(?:di duoc|mat|luon|duoc|roi|thoi|di|len|o day))?\b|\bgiet thoi gian\b|\bchet (?:roi|cha|tiet|that|moi)\b|\bduoi (?:viec|hoc)\b|\bcuoi ngat\b|\bngat ngay\b|\b(?:muon|sap|gan) xiu\b/gu,
  // pt / es (folded)
  /\bmorr(?:er|endo|o|i|ia|eu)\s(?:\w+\s)?de (?:fome|rir|saudade|vergonha|sono|calor|frio|cansaco|medo|tedio|inveja|amor|raiva|curiosidade|preguica|ansiedade|vontade|trabalhar|estudar|chorar|dor)\b|\bmort[oa]s? de (?:cansaco|fome|sono|vergonha|rir|medo|saudade|tedio|calor|frio)\b|\bmatar (?:o |a )?(?:tempo|aula|saudade|fome|sede|curiosidade)\b|\b(?:prova|fila|trabalho|calor|saudade|isso|essa|esse|chefe|professor\w*|dor|ansiedade|aula|semana|provas)\s(?:\w+\s)?(?:ta\s|vai\s|esta\s|tá\s)?me\s(?:matando|matar|mata|matou)\b|\b(?:mae|pai|chefe|professor\w*|patra\w*|sogra|vo|avo)\s(?:vai\s)?me\s(?:mata|matar)\b/gu,
  /\b(?:me\s)?mue(?:ro|re) de (?:hambre|risa|sueno|calor|frio|ganas|verguenza|aburrimiento|miedo|amor|envidia|pena|cansancio)\b|\bmuert[oa]s? de (?:cansancio|hambre|sueno|risa|miedo|frio|calor|verguenza|aburrimiento)\b|\bmorirme de (?:risa|verguenza|hambre|ganas)\b|\bmatar el tiempo\b|\b(?:trabajo|examen|fila|calor|jefe|escuela|esto|eso|tarea|dolor|mama|papa|cola)\s(?:\w+\s)?(?:me\s)?(?:esta\s|va a\s)?(?:matando|matar|mata)\b|\bme mata(?:ria|ra)?\s(?:si|cuando)\b/gu,
  // tl
  /\bpatay na patay\b|\bnakakamatay (?:sa )?(?:pagod|hirap|init|gutom|kilig)\b|\b(?:namatay|mamamatay|mamatay) (?:ako |na ako )?sa (?:kakatawa|tawa|hiya|kilig|gutom|inip|pagod)\b|\bhindi makahinga sa (?:kakatawa|tawa)\b|\b(?:patayin|pumatay) (?:ang |ng )?oras\b/gu,
  // ne
  /(?:थकाइले|भोकले|हाँसेर|हाँसोले|गर्मीले|जाडोले|लाजले|काम\s?गरेर)\s?(?:मर्छु|मरियो|मरें|मरेँ|मर्ने\s?भएँ|मर्न\s?लागें)|\b(?:thakai|bhok|hasera|laj)\w*\s(?:le\s)?mar\w*/gu,
  // id
  /\bsetengah mati\b|\bmati (?:gaya|lampu|listrik|kutu|rasa|ketawa|bosan|penasaran)\b|\b(?:hp|handphone|hape|laptop|mesin|motor|mobil|baterai|batre|lampu|listrik|wifi|tv)(?:nya|ku)? mati\b|\bketawa sampai mati\b|\bbosan (?:setengah )?mati\b|\b(?:mau|hampir) pingsan\b|\bmalu(?:nya)? (?:banget )?(?:pengen|mau|ingin) (?:mati|menghilang)\b|\b(?:bunuh|membunuh) waktu\b/gu,
  // th
  /(?:เหนื่อย|หิว|ขำ|ร้อน|หนาว|ง่วง|เบื่อ|ยุ่ง|อาย|ตลก|เครียด|ปวด|เขิน|น่ารัก|อร่อย|คิดถึง)[^\s]{0,6}(?:จะ)?(?:ตาย|แทบตาย)|แทบตาย|(?:อาย|เขิน)(?:จน)?อยาก(?:ตาย|หายไป|แทรกแผ่นดิน)|ขำจนหายใจไม่ออก|ฆ่าเวลา/gu,
  // my
  /(?:ရယ်ရလွန်းလို့|ပင်ပန်းလို့|ဗိုက်ဆာလို့|ရှက်လို့|ပူလို့)\s?(?:သေတော့မယ်|သေချင်|သေပြီ)|ဓာတ်ပုံ\s?ရိုက်|စာ\s?ရိုက်|တိုက်ရိုက်|ရိုက်ကူး|အချိန်ဖြုန်း/gu,
].map(nfkc);

// ───────────────────────────── Guards ─────────────────────────────
/** Laugh markers, read before elongations are collapsed (kkkk, 555, wwww). */
const LAUGH =
  nfkc(/k{3,}|(?:ha){2,}|(?:ja){2,}|(?:he){3,}|(?:hi){3,}|\blol\b|\blmao|\blmfao|\brofl\b|\bxd\b|😂|🤣|😆|😹|(?<=[\u3040-\u30ff\u4e00-\u9fff])w+(?:$|[\s。!！])|[（(]笑[)）]|笑(?:$|[。!！\s])|草$|ㅋㅋ|ㅎㅎ|(?<!\d)5{3,}(?!\d)|wk(?:wk)+|awok|哈哈|呵呵|jsjs|ฮ่าๆ|ฮาๆ|ဟားဟား|हाहा|\bkkk\b/u);

/** Distant past in the same clause: the event is over ("10年前", "years ago", "used to", "as a child"). */
const PAST =
  nfkc(/(?<!since )\blast (?:week|month|year|winter|summer|spring|autumn|fall)\b|先月(?!から)|先週(?!から)|上个月(?!开始|起)|上個月(?!開始|起)|지난\s?달(?!부터)|\bthang truoc\b|(?:\d+|[一二三四五六七八九十何数]+)年(?:前|ほど前|くらい前)|昔(?!から)|むかし(?!から)|以前(?!から)|前は|子(?:ども|供)の(?:頃|ころ)|こどものころ|小さい(?:頃|ころ)|学生(?:の)?(?:頃|時|とき)|若い(?:頃|ころ)|去年(?!から)|昨年(?!から)|当時|かつて|\b(?:\d+|a few|few|many|several|two|three|ten) years? ago\b|\blong ago\b|\bback in (?:\d{4}|the day)\b|\bin (?:19|20)\d\d\b|\bwhen i was (?:a kid|a child|young|little|younger|a teen|in (?:school|high school|college))\b|\bas a (?:kid|child|teen(?:ager)?)\b|\bused to\b(?!\s(?:it|this|that|being))|\bin the past\b|\bback then\b|以前(?!就)|过去|過去|小时候|小時候|年前|当年|當年|曾经|曾經|예전에|옛날에|어렸을\s?때|몇\s?년\s?전|년\s?전에|과거에|었었|\btruoc day\b|\bhoi (?:truoc|xua|nho|moi|do|con|nam)\b|\bngay xua\b|\bnam ngoai\b|\b(?:may|\d+) nam truoc\b|\btung\b|\banos atras\b|\bha (?:\d+|alguns|uns|muitos) anos\b|\bantigamente\b|\bquando eu era\b|\bno passado\b|\bja (?:morei|fui|tive|passei|sofri|dormi|vivi)\b|\beu costumava\b|\bhace (?:\d+|unos|varios|muchos|algunos) (?:anos|meses)\b|\bantes (?:vivia|estaba|dormia|sufria|tenia|era)\b|\bcuando era\b|\bsolia\b|\bantiguamente\b|\bdati\b|\bnoong (?:\d{4}|bata)\b|\bnung bata\b|पहिले|पहिला|वर्ष\s?अघि|बर्ष\s?अघि|सानो\s?छँदा|थ्यो|थिएँ|\bpahile\b|\bdulu\b|\bdahulu\b|\btahun lalu\b|\bwaktu kecil\b|\bpernah\b|เมื่อก่อน|แต่ก่อน|ก่อนหน้านี้|ปีที่แล้ว|ตอนเด็ก|หลายปีก่อน|เคย|အရင်က|ဟိုတုန်းက|ငယ်ငယ်တုန်းက|ခဲ့ဖူး/u);

/** Resolution after the event ("…, now I'm fine", "今は落ち着いてます"). */
const RESOLVED = new RegExp(
  [
    "もう(?:元気|げんき)|(?:元気|げんき)に(?:なり|なっ)|(?:回復|かいふく)し|(?:治|なお)りました|\\b(?:s?he|they|we|i)(?:'s| is| are|'re|'m| am)? (?:recovered|recovering|fine now|ok now|okay now|better now|doing (?:fine|well|better|ok))\\b|\\bgrew out of it\\b|\\bthings are (?:better|ok|okay|fine) now\\b|已经好了|已經好了|已经没事|已經沒事|已经康复|已經康復|지금은\\s?괜찮|다 나았|\\b(?:khoe|on|khoi) (?:lai )?roi\\b",
    "(?:今は|いまは|現在は|今では|いまでは)[^。]{0,15}?(?:落ち着|おちつ|大丈夫|だいじょうぶ|元気|げんき|平気|幸せ|しあわせ|安定|普通|問題な|住ん|すん|働い|はたらい|アパート|部屋|へや|家が|いえが|仕事|しごと|暮ら|くら|離婚|別れ|解決|回復|治っ|安全|あります)|もう大丈夫|落ち着いて(?:い|ま|る)|転職して",
    "\\bnow (?:i'?m|im|i am|we'?re|we are) (?:fine|ok|okay|safe|good|better|doing (?:well|better|fine|ok)|happy|settled|housed|stable|in (?:a|my own)|living)|\\bnow i (?:rent|have (?:a|an|my own|our own)|live (?:in|with)|work|own)\\b|\\b(?:i'?m|im|i am|we'?re) (?:ok|okay|fine|safe|good|better|doing (?:well|better|fine)) now\\b|\\b(?:all|doing) (?:good|fine|well|ok) now\\b|\\bi'?ve had an? (?:apartment|place|room|home|house|flat) for\\b|\\b(?:these days|nowadays) i'?m (?:ok|fine|good|safe)",
    "(?:现在|現在|如今)(?:已经|已經|过得|過得|很好|好了|有(?:房|地方|家|工作)|没事|沒事|安全|稳定|穩定|离婚|離婚|住)",
    "(?:지금은|이제는|요즘은)\\s?(?:\\S+\\s?){0,3}?(?:괜찮|잘|이혼|집|안전|행복|살고|살아|일하|좋아|평온)",
    "\\b(?:gio|bay gio|hien tai|hien gio)(?: thi)? (?:em |toi |minh |chung toi )?(?:da |cung )?(?:on|khoe|binh thuong|co (?:phong|nha|viec|cho o)|song tot|an toan|hanh phuc|ly hon)\\b",
    "\\b(?:hoje|agora|atualmente|hoje em dia),? (?:eu )?(?:tenho|moro|to bem|estou bem|ta tudo bem|esta tudo bem|estou segur\\w*|vivo|trabalho|ja (?:tenho|moro|estou))\\b|\\bja (?:passou|superei)\\b|\\b(?:to|estou) bem agora\\b",
    "\\b(?:ahora|hoy|hoy en dia|actualmente),? (?:ya )?(?:tengo|vivo|estoy bien|estoy a salvo|trabajo|rento|estoy tranquil\\w*)\\b|\\bya (?:estoy bien|lo supere|paso)\\b",
    "\\bngayon (?:ay )?(?:may|ok|okay|maayos|nakatira|ayos|safe)\\b|\\b(?:okay|ok|ayos|maayos) na (?:ako|kami)\\b",
    "अहिले\\s?(?:[^।\\s]+\\s?){0,2}?(?:राम्रो|ठीक|सञ्चै|घर\\s?छ|कोठा\\s?छ|छुट्टि|बस्छु|बसेको)|\\bahile\\s(?:\\S+\\s){0,2}?(?:ramro|thik|thikai|sanchai)\\b",
    "\\b(?:sekarang|kini|skrg|skrang)\\s(?:\\w+\\s)?(?:sudah|udah|telah|punya|baik|aman|tinggal|bekerja|kerja)\\b",
    "(?:ตอนนี้|ปัจจุบัน|ทุกวันนี้)(?:ก็)?(?:มี|โอเค|ดีขึ้น|สบาย|ปลอดภัย|ไม่เป็นไร|หาย|เลิก|อยู่|ทำงาน)",
    "အခု(?:တော့)?\\s?(?:[^\\s]{0,10})?(?:ရှိပြီ|နေကောင်း|အဆင်ပြေ|ကောင်းပြီ|ပြေပြီ|အိမ်ရှိ)",
  ]
    .join("|")
    .normalize("NFKC"),
  "gu",
);
/** After a resolution, these bring the trouble back ("今は落ち着いたけどまた…", "…but last night"). */
const REACTIVATE =
  nfkc(/また|でも|けど|まだ|再び|\bagain\b|\bbut\b|\bstill\b|但是|可是|又|还是|還是|하지만|그런데|근데|\bnhung\b|\bmas\b|\bporem\b|\bainda\b|de novo|\bpero\b|otra vez|\bulit\b|तर|फेरि|\btapi\b|แต่|อีกแล้ว|ဒါပေမဲ့/u);

/** Clause boundaries: punctuation and contrast words (the past clause and the present one are separate). */
const CLAUSE_BREAK =
  nfkc(/[。．.!！?？\n;；、,，]|\s(?:but|and now|now|pero|mas|nhung|tapi|แต่)\s|でも|けど|但是|可是|하지만|그런데|ですが|तर|ဒါပေမဲ့/gu);

const QUESTION =
  nfkc(/[?？]|(?:ですか|ますか|でしょうか|かな)(?:$|[。\s])|吗|嗎|나요|까요|ㄹ까|\b(?:how|where|what|when|who|which|is there|are there|can i|can you|could you|do you)\b|\b(?:onde|como|qual|quando|donde|cual|saan|paano|anong|dimana|di mana|bagaimana|gimana|apakah|kah)\b|\b(?:o dau|the nao|lam sao|bao gio|may gio|khong a)\b|ที่ไหน|ยังไง|อย่างไร|ไหม|มั้ย|กี่โมง|คะ$|ครับ$|कहाँ|कसरी|के हो|\b(?:kaha|kasari)\b|ဘယ်|လဲ$|သလဲ|လား/u);

const INFO =
  nfkc(/お金が(?:かか|掛か)|おかねが(?:かか)|有料|要钱|要錢|돈\s?(?:내|들)|\bmat tien\b|どこ|どう(?:すれば|したら)|方法|申請|窓口|相談(?:先|でき|したい|したら|に乗って|する)|教えて|何時|なんじ|営業時間|受付時間|開いて|問い合わせ|電話番号|連絡先|手続き|費用|料金|いくら|無料|支援|制度|シェルター|\b(?:how (?:do|can|to|does|should|much)|where (?:can|do|is|are|should)|what (?:time|are the hours|is the (?:number|phone|address)|should i do if|do i do if|to do if)|is there (?:a|any)|apply|application|eligible|qualify|hotline|phone number|number for|office|hours|cost|fee|free|procedure|documents|report|support|services?|shelter|help for|help with|resources?)\b|哪里|哪裡|怎么|怎麼|如何|请问|請問|几点|幾點|电话|電話|申请|申請|咨询|諮詢|可以去|热线|熱線|어디|어떻게|방법|신청|상담|몇\s?시|전화번호|문의|\b(?:o dau|the nao|lam sao|cach nao|thu tuc|dang ky|tu van|cho em hoi|cho toi hoi|xin hoi|may gio|so dien thoai|tro cap)\b|\b(?:onde|como (?:faco|posso|pedir|conseguir|funciona)|horario|telefone|endereco|pedir ajuda|o que fazer|centro de apoio|apoio)\b|\b(?:donde|como (?:puedo|hago|pido|solicito|se)|a que hora|horario|telefono|direccion|solicitar|pedir ayuda|que hacer|ayuda por)\b|\b(?:saan|paano|anong oras|magkano|mag-?apply|pwede po)\b|कहाँ|कसरी|कति\s?बजे|निवेदन|सोध्ने|\b(?:kaha|kasari|kati baje|apply)\b|\b(?:di ?mana|bagaimana|gimana|cara|jam berapa|nomor|daftar|melapor|lapor|mengajukan|apakah ada)\b|ที่ไหน|ยังไง|อย่างไร|กี่โมง|เบอร์|สมัคร|แจ้ง|ติดต่อ|ဘယ်မှာ|ဘယ်လို|ဘယ်အချိန်|ဖုန်းနံပါတ်|လျှောက်|တိုင်ပင်/u);

/** "If …" before the match in its clause: a hypothetical, not a report. */
const HYPO_BEFORE =
  nfkc(/\b(?:if|in case|what if|should someone|when someone)\b|もし|としたら|場合|如果|要是|万一|萬一|假如|만약|혹시|\bneu\b|\bse (?:alguem|uma pessoa|eu|ele|ela|meu|minha|o|a)\b|\bcaso\b|\bsi (?:alguien|una persona|mi|me|un|una|el|la)\b|\ben caso de\b|\b(?:kung|pag|kapag)\b|\b(?:kalau|jika|kalo|bila|apabila)\b|ถ้า|หาก|यदि|\b(?:yadi|bhane)\b/u);
/** Japanese and Korean put the conditional after the verb (殴られたら…, 맞으면…). */
const HYPO_AFTER = nfkc(/^(?:た?ら(?!れ)|場合|ときは|時は|とき|れば|면|다면|으면|\s?thi\b)/u);
/** Negation right after the match (死にたいわけじゃない, 죽고 싶은 건 아니고). */
const POST_NEG =
  nfkc(/^(?:[ってい]{0,3}(?:ない|ません|なかった)|(?:わけ|訳)(?:じゃ|では|で)(?:な|は)|とは(?:思|おも)(?:って|わ)(?:い)?な|なんて(?:思|おも)(?:って|わ)(?:い)?な|ことは(?:な|あり)|(?:じゃ|では)(?:なく|ない)|とか(?:じゃ|では)|은\s?(?:건|게|것은|거)\s?아니|건\s?아니|지는?\s?않)/u);

/** Someone other than the writer is the subject (violence in §7 is about the writer). */
const THIRD_PARTY =
  nfkc(/(?:友達|友だち|ともだち|友人|知り合い|しりあい|知人|同僚|どうりょう|近所の(?:人|方)|隣の(?:人|方|奥さん)|ママ友|先輩|後輩)(?:が|は|も)|\b(?:my|a|our) (?:friend|friends|coworker|co-worker|colleague|neighbou?r|classmate|mate|buddy|pal)(?:'s)?\b|\bsomeone i know\b|\ba (?:woman|lady|girl|man|guy|person) (?:i know|at work|next door)\b|\bfriend of mine\b|(?<!男|女)朋友|同事|邻居|鄰居|认识的人|認識的人|同学|同學|闺蜜|閨蜜|(?<!남자\s?|여자\s?|남|여)친구|동료|이웃|지인|아는\s?사람|옆집|\bban (?:em|toi|minh|cua em|cua toi|than)\b|\bdong nghiep\b|\bhang xom\b|\bnguoi quen\b|\b(?:minha|meu|uma|um) (?:amig[ao]|colega|vizinh[ao]|conhecid[ao])\b|\b(?:mi|una|un) (?:amig[ao]|companer[ao]|vecin[ao]|conocid[ao])\b|\b(?:kaibigan|katrabaho|kapitbahay|kakilala|kaklase)\b|(?<!केटा\s?|केटी\s?)साथी|छिमेकी|(?<!\b(?:keta|keti)\s)\b(?:sathi|saathi|chhimeki)\b|\b(?:teman|temen|rekan kerja|tetangga|kenalan|sahabat)\b|เพื่อน|คนรู้จัก|သူငယ်ချင်း|အိမ်နီးချင်း|လုပ်ဖော်ကိုင်ဖက်/u);

/** Someone else's story heard from the news or others: "saw on the news", ニュースで, 新闻里, 뉴스에서… */
const NEWS =
  nfkc(/ニュース|にゅーす|報道|新聞|記事|ワイドショー|\b(?:on|in) the news\b|\bnews (?:said|says|today|report|story|article)|\breported that\b|\b(?:read|saw|heard) (?:an? )?(?:article|story|report|post|on (?:tv|the radio|twitter|facebook|tiktok|youtube|x))\b|\bon tv\b|新闻|新聞|报道|報導|报导|看到(?:一则|一則|一个|一個|有)?(?:消息|报道|報導)|电视上|電視上|뉴스|기사에서|기사를|보도|방송에서|\b(?:tin tuc|thoi su|bao chi|doc bao|tren bao|tren tivi|tren tv)\b|\b(?:noticia|noticias|jornal|reportagem|telejornal|periodico|en la tele|na tv|na televisao)\b|\b(?:balita|sa tv|nabalitaan)\b|समाचार|\bsamachar\b|\b(?:berita|beritanya|di tv|koran)\b|ข่าว|หนังสือพิมพ์|သတင်း/u);

/**
 * A wish not to die, or to live ("não quero morrer, só preciso de ajuda"): the model, which reads
 * "die", "want" and "not" as separate features, takes it for ideation. It vetoes the model's
 * self_harm; a rule's own hit (a plan, an overdose taken) still stands. "Not wanting to live"
 * (生きたくない, 不想活, 살고 싶지 않, không muốn sống) is excluded by the lookarounds.
 */
const WANTS_TO_LIVE = nfkc(
  /\b(?:do ?n[o'’]?t|dont|do not|never) (?:want|wanna) (?:to )?die\b|\bi (?:want|wanna) to live\b|\bn[aã]o quero morrer\b|\b(?<!nao |não )quero viver\b|\bno quiero morir(?:me)?\b|\b(?<!no )quiero vivir\b|死にたくない|しにたくない|生きたい(?!く)|죽고\s*싶지\s*않|살고\s*싶(?!지)|不想死|(?<!不)想活下去|\bkh[oô]ng mu[oố]n ch[eế]t\b|\b(?<!khong )muon song\b|\bayaw (?:ko )?(?:pang |ng )?mamatay\b|\bgusto ko(?:ng)? mabuhay\b|\b(?:gak|ga|nggak|enggak|tidak|tak|ndak) (?:mau|ingin|pengen|pingin) mati\b|\b(?<!tidak |gak |nggak )(?:ingin|mau|pengen) hidup\b|ไม่อยากตาย|(?<!ไม่)อยากมีชีวิต|\bmarna (?:man )?(?:chhaina|chaina|chahanna|chahandina|xaina)\b|मर्न\s?(?:मन\s?)?(?:छैन|चाहन्न)|\bbachna man (?:chha|xa)\b|बाँच्न\s?मन\s?छ|မသေချင်/u,
);

/** A later date: losing housing next month is urgent, not tonight's crisis. */
const FUTURE =
  nfkc(/\b(?:in|within) (?:\d+|a few|two|three|ten|a couple of) (?:days|weeks|months)\b|\d+日(?:以内|後|で出|までに)|\d+天(?:内|內|后|後|之内|之內)|\d+\s?일\s?(?:안에|후|뒤|이내)|\btrong (?:\d+|vai|may|mot) (?:ngay|tuan|thang)\b|\b(?:em|dentro de) (?:\d+|alguns|uns|poucos) dias\b|\ben (?:\d+|unos|pocos) dias\b|\bsa loob ng (?:\d+|ilang) araw\b|\bdalam (?:\d+|beberapa) hari\b|ภายใน\s?\d+\s?วัน|\d+\s?दिन(?:भित्र|मा)|\d+\s?ရက်အတွင်း|来月|らいげつ|来週|らいしゅう|月末|再来|来年|\d+月(?:から|に|末)|\d+日後|\d+週間後|今月末|\bnext (?:month|week|year)\b|\bin (?:\d+|two|three|a few) (?:weeks|months)\b|\bby the end of the month\b|下个月|下個月|下周|下週|다음\s?달|다음\s?주|\bthang sau\b|\btuan sau\b|\bmes que vem\b|\bproximo mes\b|\bproxima semana\b|\bel proximo mes\b|\bla proxima semana\b|\bsusunod na buwan\b|अर्को\s?महिना|\bbulan depan\b|\bminggu depan\b|เดือนหน้า|อาทิตย์หน้า|နောက်လ/u);

/** Not eating by choice or from illness is not a lack of food (diet, fasting, fever, no appetite). */
const NOT_HUNGER = nfkc(
  /ダイエット|だいえっと|断食|ファスティング|減量|絶食|食欲|しょくよく|熱が|ねつが|風邪|かぜ|つわり|吐き気|体調|胃が|\b(?:diet|dieting|fasting|fast|ramadan|intermittent|appetite|flu|fever|sick|nausea|morning sickness|stomach bug)\b|减肥|減肥|节食|節食|斋月|齋月|断食|斷食|没胃口|沒胃口|发烧|發燒|感冒|다이어트|단식|금식|입맛|감기|몸살|\b(?:an kieng|nhin an|giam can|om|sot|cam)\b|\b(?:dieta|jejum|jejuando|regime|febre|gripe|enjoo|ayuno|ayunando|fiebre|gripa)\b|\b(?:nag-?diet|nagda-?diet|nag-?aayuno|lagnat|trangkaso)\b|\b(?:puasa|berpuasa|diet|demam|flu|sakit|gak nafsu)\b|ลดน้ำหนัก|อดอาหาร|ถือศีลอด|ไม่สบาย|ไข้|डाइट|व्रत|ब्रत|उपवास|ज्वरो|\b(?:brat|barta|upabas)\b|ဝိတ်ချ|ဥပုသ်|ဖျား/u,
);

/** For a taken overdose: now (→ medical, 119) or not (→ self_harm with a plan). */
const OD_NOW =
  nfkc(/\b(?:just|now|right now|minutes? ago|an hour ago|a few minutes|tonight)\b|さっき|今|いま|たった今|分前|ふらふら|朦朧|もうろう|意識|吐|気持ち悪|きもちわる|ぐるぐる|目が回|めがまわ|ろれつ|起きない|刚才|剛才|刚刚|剛剛|方才|头晕|頭暈|想吐|叫不醒|방금|지금|어지러|토하|의식|\b(?:vua|vua moi|chong mat|buon non)\b|\b(?:agora|acabei de|acabou de|tonto|tonta|vomit\w*|desmai\w*)\b|\b(?:ahora|acabo de|acaba de|mareado|mareada)\b|\b(?:kanina|ngayon|nahihilo)\b|\b(?:tadi|baru saja|barusan|pusing|mual|muntah)\b|เมื่อกี้|เพิ่ง|ตอนนี้|เวียนหัว|อาเจียน|भर्खर|अहिले|\b(?:bharkhar|ahile)\b|रिंगटा|बान्ता|ခုနက|အခု|ခုလေးတင်|ခေါင်းမူး|\b(?:dizzy|drowsy|throw(?:ing)? up|vomit\w*|can'?t stay awake|passing out)\b/u);

/**
 * Who needs help first when one message holds several crises:
 * - medical: someone's life is at risk this minute; 119 comes before anything else (§7);
 * - self_harm with a plan, means or attempt: an emergency for the writer's own life;
 * - violence: the writer is being hurt or threatened now and may need the police (110);
 * - child_abuse: a child is in danger (189), usually not in the writer's hands this minute;
 * - self_harm without a plan: urgent, answered with listening lines;
 * - homeless_tonight before no_food: a roof for tonight usually brings a meal with it.
 */
const PRIORITY: readonly { kind: CrisisKind; plan: boolean }[] = [
  { kind: "medical", plan: false },
  { kind: "self_harm", plan: true },
  { kind: "violence", plan: false },
  { kind: "child_abuse", plan: false },
  { kind: "self_harm", plan: false },
  { kind: "homeless_tonight", plan: false },
  { kind: "no_food", plan: false },
];

function mask(s: string): string {
  let out = s;
  for (const re of MASKS) out = out.replace(re, " ∅ ");
  return out;
}

function clauseAround(text: string, start: number, end: number): { text: string; offset: number } {
  let from = 0;
  let to = text.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    const b = m.index;
    if (b + m[0].length <= start) from = b + m[0].length;
    else if (b >= end) {
      to = b;
      break;
    }
    if (m[0].length === 0) CLAUSE_BREAK.lastIndex++;
  }
  return { text: text.slice(from, to), offset: from };
}

/** A past or a resolution, then something that brings the trouble back ("…今は落ち着いてる。でも昨日また…"). */
function hasReturned(text: string): boolean {
  const past = PAST.exec(text)?.index ?? -1;
  RESOLVED.lastIndex = 0;
  const resolved = RESOLVED.exec(text)?.index ?? -1;
  const from = Math.max(past, resolved);
  return from >= 0 && REACTIVATE.test(text.slice(from));
}

function isResolvedAfter(text: string, start: number): boolean {
  RESOLVED.lastIndex = 0;
  for (let m = RESOLVED.exec(text); m; m = RESOLVED.exec(text)) {
    if (m.index > start && !REACTIVATE.test(text.slice(m.index + m[0].length))) return true;
    if (m[0].length === 0) RESOLVED.lastIndex++;
  }
  return false;
}

type Hit = { rule: Rule; kind: CrisisKind; plan: boolean };

/** Whether this match, in this copy of the message, survives the guards. */
function survives(rule: Rule, text: string, start: number, end: number, ctx: MessageContext): boolean {
  if (rule.ctxRe && !rule.ctxRe.test(text)) return false;
  if (POST_NEG.test(text.slice(end, end + 16))) return false;
  if (rule.joke && ctx.laugh) return false;
  if (rule.weak && ctx.info) return false;
  const clause = clauseAround(text, start, end);
  const before = clause.text.slice(0, start - clause.offset);
  if (ctx.question && (HYPO_BEFORE.test(before) || HYPO_AFTER.test(text.slice(end, end + 4)))) return false;
  if (PAST.test(clause.text) && !rule.plan) return false;
  if (PAST.test(clause.text) && rule.plan && !OD_NOW.test(clause.text)) return false;
  if (isResolvedAfter(text, start)) return false;
  if (ctx.news && !rule.self) return false;
  if (rule.kind === "homeless_tonight" && FUTURE.test(clause.text)) return false;
  if (rule.kind === "no_food" && NOT_HUNGER.test(text)) return false;
  if (ctx.thirdParty && !rule.self) {
    if (rule.kind === "violence") return false;
    if (ctx.question && (rule.kind === "homeless_tonight" || rule.kind === "no_food" || (rule.kind === "self_harm" && !rule.plan)))
      return false;
  }
  return true;
}

type MessageContext = { laugh: boolean; question: boolean; info: boolean; thirdParty: boolean; odNow: boolean; news: boolean };

/**
 * The guards' multilingual word lists, read as signals for the model (crisisFeatures.ts): a question,
 * a help question, a distant past, a resolution, someone else, the news, a laugh, a later date, not
 * eating by choice, right now. The model learns how much each weighs against each kind.
 */
export function guardSignals(text: string): string[] {
  const base = normalizeForCrisis(text);
  const fold = foldForCrisis(base);
  const whole = fold === base ? mask(base) : `${mask(fold)} \n ${mask(base)}`;
  const out: string[] = [];
  if (whole.includes("∅")) out.push("figure");
  if (QUESTION.test(whole)) out.push("question");
  if (INFO.test(whole)) out.push("info");
  if (HYPO_BEFORE.test(whole)) out.push("hypothetical");
  if (PAST.test(whole)) out.push("past");
  if (isResolvedAfter(whole, -1)) out.push("resolved");
  if (THIRD_PARTY.test(whole)) out.push("third");
  if (NEWS.test(whole)) out.push("news");
  if (LAUGH.test(text.normalize("NFKC").toLowerCase())) out.push("laugh");
  if (FUTURE.test(whole)) out.push("future");
  if (NOT_HUNGER.test(whole)) out.push("notHunger");
  if (OD_NOW.test(whole)) out.push("now");
  if (hasReturned(whole)) out.push("returned");
  return out;
}

/**
 * Runs every language's rules on one message (the language is not needed) and says which kind
 * survived its guards, which kinds were vetoed, and the message-wide signals the model's hits
 * are checked against.
 */
export function screenRules(text: string): RuleScreen {
  const none: RuleScreen = { hit: null, vetoed: new Set(), resolved: false, news: false, infoQuestion: false, laugh: false, returned: false, future: false };
  if (!text || !text.trim()) return none;
  const raw = text.normalize("NFKC").toLowerCase();
  const base = normalizeForCrisis(text);
  const fold = foldForCrisis(base);
  // The folded copy first: a rule that matched there and was stopped by a guard (a negation
  // written with or without diacritics, say) is not tried again on the base copy.
  const variants = fold === base ? [mask(base)] : [mask(fold), mask(base)];
  const whole = variants.join(" \n ");
  const ctx: MessageContext = {
    laugh: LAUGH.test(raw),
    question: QUESTION.test(whole),
    info: QUESTION.test(whole) && INFO.test(whole),
    thirdParty: THIRD_PARTY.test(whole),
    odNow: OD_NOW.test(whole),
    news: NEWS.test(whole),
  };

  const hits: Hit[] = [];
  const vetoed = new Set<CrisisKind>();
  for (const rule of RULES) {
    let matchedSomewhere = false;
    let ok = false;
    for (const v of rule.asciiOnly ? variants.slice(0, 1) : variants) {
      for (const m of v.matchAll(rule.re)) {
        matchedSomewhere = true;
        if (survives(rule, v, m.index, m.index + m[0].length, ctx)) {
          ok = true;
          break;
        }
      }
      if (matchedSomewhere) break;
    }
    if (!ok) {
      // Only a phrase that was really there and stopped by a guard speaks against the model.
      if (matchedSomewhere && !rule.ctxRe) vetoed.add(rule.od ? (ctx.odNow ? "medical" : "self_harm") : rule.kind);
      continue;
    }
    if (rule.od) hits.push({ rule, kind: ctx.odNow ? "medical" : "self_harm", plan: !ctx.odNow });
    else hits.push({ rule, kind: rule.kind, plan: rule.kind === "self_harm" && rule.plan === true });
  }
  for (const h of hits) vetoed.delete(h.kind);
  if (WANTS_TO_LIVE.test(whole) && !hits.some((h) => h.kind === "self_harm")) vetoed.add("self_harm");
  const signals = {
    vetoed,
    resolved: variants.some((v) => isResolvedAfter(v, -1)),
    news: ctx.news,
    infoQuestion: ctx.info || (ctx.question && HYPO_BEFORE.test(whole)),
    laugh: ctx.laugh,
    returned: variants.some((v) => hasReturned(v)),
    future: FUTURE.test(whole),
  };
  if (hits.length === 0) return { hit: null, ...signals };

  // A child's injury reported without "me" (夫が息子を殴る, 被打 with a child) is child_abuse, not the writer's.
  const childHit = hits.some((h) => h.kind === "child_abuse");
  const kept = childHit ? hits.filter((h) => !(h.kind === "violence" && !h.rule.self)) : hits;

  for (const p of PRIORITY) {
    const hit = kept.find((h) => h.kind === p.kind && h.plan === p.plan);
    if (hit) return { hit: { kind: hit.kind, plan: hit.plan, matched: hit.rule.id }, ...signals };
  }
  return { hit: null, ...signals };
}
