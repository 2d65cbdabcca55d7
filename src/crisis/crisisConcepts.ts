// Concepts shared by all 14 languages, as features for the model: "a child", "hitting", "not
// eating", "breath", "a past that is over"… Each is a short word list per language. The model reads
// them beside the character n-grams, alone and in pairs ("child" with "alone", "not" with "eat",
// "breath" with "not"), so what it learns in one language carries to the others, and it can weigh a
// combination that no single phrase shows. They are evidence for the model, never a decision.
import { foldForCrisis, normalizeForCrisis } from "./normalizeForCrisis.ts";

// Latin-script words match at the start of a word ("hit" → hits, hitting); a trailing $ asks for the
// whole word. Other scripts match anywhere. Words are written as people type them; they are folded
// like the message (no diacritics, katakana as hiragana).
const CONCEPTS: Record<string, string> = {
  die: "die$|died$|dying$|dead$|death|suicid|kill myself|end it$|end my life|unalive|kms$|死|しに|しぬ|しね|じさつ|自殺|自杀|轻生|輕生|죽|자살|chet$|tu tu$|tu sat|morr|morte|me matar|morir|muero|muerte|matarme|mamatay|patay|magpakamatay|मर|आत्महत्या|marna|marnu|atmahatya|mati$|bunuh diri|mampus|ตาย|ฆ่าตัว|သေ",
  live: "live$|living$|alive|life$|生き|いきて|いきる|活|生命|人生|살고|살아|살기|삶|인생|song$|viver|vida$|vivir|mabuhay|buhay|बाँच|bachn|jiwan|जीवन|hidup|ชีวิต|อยู่ต่อ|အသက်ရှင်|ဘဝ",
  end: "end it|end my|end everything|ending|disappear|gone$|goodbye|終わり|おわり|消え|きえ|いなくな|さよなら|さようなら|结束|結束|消失|再见|再見|了结|了結|解脱|解脫|끝|사라지|없어지|ket thuc|bien mat|vinh biet|giai thoat|acabar|sumir|desaparecer|adeus|terminar|adios|tapusin|mawala|paalam|अन्त्य|हराउन|mengakhiri|menghilang|selamat tinggal|จบ|หายไป|ลาก่อน|ပျောက်|ပြီးဆုံး",
  want: "want|wanna|wish|rather|feel like|たい$|たい|たくな|たくて|想|要|싶|muon$|quer|vontade|quier|kier|ganas|gusto|मन|चाहन|man lag|ingin|pengen|pingin|อยาก|ချင်",
  neg: "not$|no$|never|haven't|hasn't|hadn't|didn't|won't|isn't|wasn't|couldn't|wouldn't|havent|didnt|wont$|isnt$|don't|dont$|can't|cant$|cannot|nothing|nobody|no one|without|ない|ません|なく|不|没|沒|无|無|안$|못|없|않|khong$|chua$|chang$|nao$|nada$|nunca|sem$|ninguem|nadie|sin$|hindi$|wala$|di$|छैन|chaina|chhaina|tidak|gak$|ga$|nggak|belum|tak$|tanpa|ไม่|ဘူး",
  pills: "pill|tablet|meds$|medication|overdos|od$|paracetamol|painkiller|薬|くすり|錠|药|藥|片$|약|수면제|thuoc$|remedio|comprimido|pilula|pastilla|medicina|medicamento|gamot|tableta|औषधि|चक्की|ausadhi|chakki|obat|pil$|ยา|ဆေး",
  swallow: "took$|take$|taken$|swallow|downed|飲ん|のん|飲み|のみ|吃了|吞|먹었|삼켰|uong$|nuot|tomei|engoli|tome$|trague|ininom|nilunok|खाएँ|खाए|khaye|minum|menelan|nelen|กิน|သောက်|မျို",
  cut: "cut$|cutting|razor|blade|slit|knife|切っ|切る|切り|きっ|りすか|かった|刃|包丁|ほうちょう|ないふ|割|划|刀|긋|그었|칼|베|cat$|rach|dao$|cortei|cortar|corte|faca|lamina|gilete|navaja|cuchillo|laslas|hiwa|kutsilyo|काट|चक्कु|katen|chakku|sayat|silet|pisau|กรีด|มีด|လှီး|ဓား",
  hit: "hit$|hits$|hitting|beat|punch|slap|kick|chok|strangl|hurt|attack|push|threw|throw|abus|殴|なぐ|叩|たた|蹴|けら|絞め|暴力|ぼうりょく|dv$|打|踢|掐|揍|家暴|때리|때려|맞았|맞아|차였|졸라|폭력|danh$|dap$|da$|bop co|bao luc|bate|espanc|soco|chut|enforc|agred|pega|golpe|patea|ahorc|sinaktan|binugbog|sinampal|sinipa|sinuntok|bugbog|कुट|पिट|हिर्का|kut|pit|pukul|mukul|tampar|tendang|cekik|hajar|kdrt|ตี|ทุบ|ต่อย|เตะ|บีบคอ|ทำร้าย|ရိုက်|ကန်|ထိုး|နှိပ်စက်",
  threat: "kill|threat|murder|shoot|gun$|stab|殺|ころ|脅|おど|刺|銃|杀|威胁|威脅|砍|枪|槍|죽이|죽여|협박|찌르|총|giet|doa$|dam$|sung$|matar|mato$|ameac|arma$|amenaz|pistola|papatayin|tinakot|baril|मार्छु|मारिदिन्छु|धम्की|marchu|dhamki|bunuh|ancam|senjata|ฆ่า|ขู่|ปืน|แทง|သတ်|ခြိမ်းခြောက်|သေနတ်",
  partner: "husband|boyfriend|partner|wife|ex$|he$|bf$|夫|おっと|旦那|だんな|彼氏|かれし|彼|主人|妻|老公|丈夫|男朋友|男友|前夫|他|老婆|남편|남자친구|남친|아내|chong$|ban trai|anh ta|nguoi yeu|marido|namorado|companheiro|ele$|esposo|novio|pareja|asawa|jowa|kinakasama|श्रीमान|लोग्ने|budha|logne|shriman|suami|pacar|cowok|mantan|สามี|แฟน|ผัว|ယောက်ျား|ခင်ပွန်း|ရည်းစား",
  work: "boss|employer|manager|supervisor|foreman|dorm|factory|company|社長|上司|店長|寮|会社|工場|監督|班長|雇い主|親方|老板|老闆|雇主|宿舍|工厂|工廠|主管|公司|组长|사장|고용주|기숙사|공장|반장|상사|회사|chu$|sep$|ky tuc xa|xuong$|cong ty|quan ly|patrao|chefe|empresa|alojamento|dormitorio|fabrica|patron|jefe|encargado|amo$|dormitoryo|kumpanya|मालिक|कम्पनी|malik|sahu|majikan|bos$|mandor|asrama|pabrik|perusahaan|นายจ้าง|เจ้านาย|หัวหน้า|หอพัก|โรงงาน|บริษัท|သူဌေး|အလုပ်ရှင်|အဆောင်|စက်ရုံ",
  door: "door|window|break in|breaking in|broke in|someone|どあ|玄関|鍵|かぎ|窓|まど|侵入|誰か|だれか|门|門|窗|闯|闖|撬|有人|문|창문|누가|누군가|cua$|co nguoi|xong vao|pha$|porta|janela|alguem|arromb|invad|puerta|ventana|alguien|pinto|bintana|may tao|ढोका|झ्याल|dhoka|kohi|pintu|jendela|ada orang|maling|ประตู|หน้าต่าง|มีคน|งัด|တံခါး|ပြတင်း",
  hide: "hiding|hide$|escaped|ran away|fled|locked|won't let me|trapped|隠れ|かくれ|逃げ|にげ|閉じ込め|出してもらえ|出られ|でられ|監禁|躲|逃|锁|鎖|关在|關在|不让我|不讓我|숨어|도망|가둬|갇혀|tron$|bo chay|nhot|khoa$|khong cho|escondid|fugi|trancad|nao me deixa|hui$|encerrad|no me deja|nagtatago|tumakas|kinulong|लुक|भाग|थुन|sembunyi|kabur|dikunci|dikurung|หลบ|หนี|ขัง|ပုန်း|ထွက်ပြေး|ပိတ်ထား",
  child: "child|kid$|kids$|son$|daughter|baby|toddler|boy$|girl$|infant|の子|この子|あの子|子ども|子供|こども|息子|むすこ|娘|むすめ|あかちゃん|赤ちゃん|孩子|小孩|儿子|兒子|女儿|女兒|宝宝|寶寶|婴儿|嬰兒|아이|애$|아기|아들|딸|자녀|con$|be$|tre$|dua nho|filh|crianca|bebe|menin|nenem|hij|nin|chamac|anak|bata$|बच्चा|छोरा|छोरी|bachha|chhora|chhori|bayi|balita|ลูก|เด็ก|ကလေး|သား|သမီး",
  neighbour: "next door|neighbo|upstairs|downstairs|隣|となり|近所|上の階|下の階|邻居|鄰居|隔壁|楼上|樓上|楼下|樓下|옆집|이웃|윗집|아랫집|hang xom|nha ben|tang tren|vizinh|vecin|kapitbahay|katabi|छिमेकी|chhimeki|tetangga|sebelah|ข้างบ้าน|เพื่อนบ้าน|အိမ်နီးချင်း",
  alone: "alone|left$|locked out|neglect|unfed|一人|ひとり|放置|置き去り|閉め出|一个人|一個人|丢|丟|혼자|방치|mot minh|bo mac|sozinh|abandon|solo$|sola$|solos$|mag-isa|iniwan|pinabayaan|एक्लै|eklai|sendirian|ditinggal|terlantar|คนเดียว|ทิ้ง|တစ်ယောက်တည်း",
  fear: "afraid|scared|lose control|snap$|怖|こわ|しまいそう|怕|控制不住|무서|겁나|so$|kiem che|medo|perder o controle|miedo|perder el control|takot|natatakot|डर|dar$|takut|กลัว|ကြောက်",
  eat: "eat|ate$|food|meal|hungry|hunger|starv|feed|rice$|formula|milk$|食べ|たべ|食事|ご飯|ごはん|米|みるく|腹|飢|吃|饭|飯|食物|饿|餓|奶粉|먹|밥|음식|굶|배고|쌀|분유|an$|com$|do an|doi$|gao$|sua$|comer|comi$|comida|fome|arroz|leite|hambre|leche|kain|pagkain|gutom|bigas|gatas|खान|खाना|भोक|khana|bhok|chamal|makan|lapar|beras|susu|ข้าว|อาหาร|หิว|นม|စား|ထမင်း|ဆာ|အစာ",
  days: "days|day$|since|week|yesterday|日|何日|昨日|きのう|天|几天|幾天|昨天|며칠|이틀|사흘|나흘|째|ngay$|hom qua|dias$|desde|ontem|ayer|araw|kahapon|दिन|din$|hijo$|hari$|kemarin|sejak|วัน|เมื่อวาน|ရက်|မနေ့",
  now: "tonight|today|now$|right now|currently|今夜|こんや|今日|きょう|今|いま|さっき|今晚|今天|现在|現在|刚才|剛才|오늘|지금|방금|toi nay|hom nay|bay gio|vua$|hoje|agora|esta noite|hoy$|ahora|ahorita|esta noche|ngayon|kanina|आज|अहिले|aaja|aja$|ahile|malam ini|hari ini|sekarang|tadi$|คืนนี้|วันนี้|ตอนนี้|ဒီည|ဒီနေ့|အခု",
  sleep: "sleep|slept|stay$|staying|night$|寝|ねる|ねて|泊ま|とま|夜|睡|过夜|過夜|잘 곳|잠|자요|지내|ngu$|qua dem|dormir|durm|ficar|quedar|tulog|सुत|sut|tidur|nginap|menginap|นอน|အိပ်",
  outside: "park$|car$|station|street|bench|outside|bridge|tent$|van$|公園|こうえん|車|くるま|駅|えき|路上|外|そと|べんち|河川敷|ねかふぇ|漫画喫茶|公园|车|车站|車站|街|外面|长椅|長椅|网吧|網咖|공원|차에서|역에서|길에|밖|벤치|노숙|피시방|cong vien|xe$|nha ga|duong$|ngoai|ghe da|praca|parque|carro|rodoviaria|estacao|rua$|estacion|calle|banca|parke|kotse|istasyon|kalsada|labas|पार्क|गाडी|बाटो|सडक|gadi|bato|sadak|taman|mobil|stasiun|jalan|luar$|สวน|รถ|สถานี|ข้างถนน|ပန်းခြံ|ကား|ဘူတာ|လမ်း",
  home: "home$|house|apartment|evict|kicked out|thrown out|nowhere|place to stay|家|いえ|住む|すむ|追い出|おいだ|寮|部屋|行くところ|居場所|房|赶出|趕出|住的地方|没地方|沒地方|집|쫓겨|쫓아|숙소|갈 곳|갈 데|nha$|phong$|duoi$|cho o$|cho ngu|casa$|despej|expuls|onde dormir|desaloj|echaron|donde dormir|bahay|pinalayas|matutuluyan|matutulugan|घर|कोठा|निकाल|ghar|kotha|nikal|rumah|kos$|diusir|tempat tinggal|บ้าน|ห้อง|ไล่|ที่อยู่|ที่นอน|အိမ်|နေစရာ|နှင်ထုတ်",
  jobloss: "fired|lost my job|laid off|contract ended|くび|解雇|雇い止め|派遣切り|失業|开除|開除|辞退|失业|잘리|잘렸|해고|실직|duoi viec|mat viec|demitid|desempreg|despedid|desemple|natanggal|tinanggal|nawalan ng trabaho|जागिर|jagir|dipecat|phk$|kehilangan pekerjaan|ตกงาน|เลิกจ้าง|အလုပ်ထုတ်|အလုပ်ပြုတ်",
  breath: "breath|breathing|air$|gasp|wheez|choking|息|いき|呼吸|こきゅう|喘|气|氣|숨|호흡|tho$|respir|falta de ar|folego|aire$|hinga|makahinga|सास|sas$|napas|nafas|sesak|หายใจ|အသက်ရှူ",
  chest: "chest|heart|胸|むね|心臓|心脏|가슴|심장|nguc$|tim$|peito|coracao|pecho|corazon|dibdib|puso$|छाती|मुटु|chhati|mutu$|dada$|jantung|หน้าอก|หัวใจ|ရင်ဘတ်|နှလုံး",
  collapse: "collaps|faint|unconscious|passed out|wake up|respond|seizure|not moving|fell$|倒れ|たおれ|意識|いしき|起きない|反応|けいれん|痙攣|動かない|うごかない|晕倒|暈倒|昏倒|昏迷|叫不醒|反应|反應|抽搐|不动|不動|摔|쓰러|의식|깨어나|반응|경련|움직|ngat$|bat tinh|khong tinh|co giat|cu dong|nga$|desmai|inconscien|acorda|convuls|desacordad|caiu|desmay|despierta|no responde|se cayo|nahimatay|walang malay|gumigising|bumagsak|बेहोस|ढल|behos|dhal|pingsan|tidak sadar|kejang|jatuh|bangun|หมดสติ|เป็นลม|ล้ม|ชัก|ไม่ตื่น|သတိလစ်|လဲ",
  severe: "blood|bleed|blue$|purple|pale$|stroke|heart attack|ambulance|119$|911$|血|紫|むらさき|救急|きゅうきゅう|发紫|發紫|救护车|救護車|피가|피를|파래|보라|구급차|mau$|tim tai|cap cuu|sangue|sangr|roxo|ambulancia|samu$|sangre|morado|dugo|ambulansya|रगत|एम्बुलेन्स|ragat|darah|ambulans|เลือด|ม่วง|รถพยาบาล|သွေး|လူနာတင်",
  self: "i$|me$|my$|myself|im$|i'm$|私|わたし|僕|ぼく|俺|おれ|自分|じぶん|あたし|我|나는|내가|저는|제가|저를|em$|toi$|minh$|tui$|tao$|eu$|mim$|minha|meu$|yo$|mi$|ako$|ko$|akin|म$|मलाई|malai|aku$|saya$|gue$|gw$|ฉัน|ผม|หนู|ကျွန်|ငါ",
  over: "ago$|last year|used to|years$|back then|when i was|recovered|now i|better now|fine now|ok now|昔|前は|以前|年前|去年|頃|今は|元気|回復|年前|小时候|小時候|好了|康复|康復|예전|전에|작년|어렸을|지금은|괜찮|truoc day|hoi nho|nam ngoai|da on|khoe roi|antes$|anos atras|ano passado|ja passou|hace anos|ano pasado|ahora ya|dati$|noon$|पहिले|pahile|dulu$|tahun lalu|เมื่อก่อน|เคย|အရင်က",
  others: "news|article|tv$|heard|friend|coworker|colleague|story|saw on|にゅす|記事|てれび|友達|友だち|同僚|聞いた|らしい|新闻|新聞|电视|電視|朋友|同事|听说|聽說|뉴스|기사|친구|동료|대요|들었|tin tuc|bao$|ban toi|ban em|dong nghiep|nghe noi|noticia|jornal|amig|colega|ouvi$|tele$|companer|escuche|dicen$|balita|kaibigan|katrabaho|narinig|समाचार|साथी|samachar|sathi|berita|teman|temen|denger|katanya|ข่าว|เพื่อน|ได้ยิน|သတင်း|သူငယ်ချင်း",
  question: "how$|where|what$|can i|is there|apply|number|hotline|どこ|どう|方法|教えて|窓口|相談|申請|ですか|ますか|哪里|哪裡|怎么|怎麼|如何|请问|請問|吗|嗎|申请|어디|어떻게|신청|상담|나요|까요|o dau|the nao|lam sao|cho em hoi|onde$|como$|qual$|posso|donde|cual$|puedo|saan|paano|pwede|कहाँ|कसरी|kaha$|kasari|dimana|di mana|bagaimana|gimana|apakah|ที่ไหน|ยังไง|อย่างไร|ไหม|มั้ย|ဘယ်",
  height: "bridge|roof|balcony|tracks|railway|platform|floor$|cliff|jump|ledge|橋|はし|屋上|べらんだ|線路|ほむ|階|飛び|とび|桥|楼顶|樓頂|天台|阳台|陽台|铁轨|鐵軌|跳|다리 위|옥상|베란다|철길|선로|뛰어|cau$|san thuong|ban cong|duong ray|nhay$|ponte|telhado|sacada|trilho|pular|puente|azotea|balcon|vias$|saltar|tulay|bubong|balkonahe|riles|tumalon|tatalon|पुल|छत|हाम|pul$|chhat|jembatan|atap|balkon|rel$|lompat|สะพาน|ดาดฟ้า|ระเบียง|รางรถไฟ|กระโดด|တံတား|ခေါင်မိုး|ရထားလမ်း|ခုန်",
  means: "rope|noose|charcoal|hang|ろぷ|縄|紐|ひも|練炭|れんたん|首吊|くびつ|绳|繩|炭|上吊|밧줄|번개탄|연탄|목을 매|day thung|dot than|treo co|corda|forca|enforcar|soga|cuerda|ahorcar|lubid|bigti|डोरी|झुण्डि|dori|jhundi|tali$|gantung|เชือก|ผูกคอ|ကြိုး",
  farewell: "goodbye|farewell|last message|thank you for everything|letter|note$|さよなら|さようなら|お世話になりました|遺書|手紙|最後|永别|永別|遗书|最后|유서|마지막|편지|vinh biet|tam biet|la thu|cuoi cung|adeus|carta|despedida|adios|paalam|sulat|huling|अलविदा|चिठी|अन्तिम|chithi|selamat tinggal|surat|terakhir|ลาก่อน|จดหมาย|สุดท้าย|နောက်ဆုံး",
  poison: "bleach|detergent|cleaning|battery|poison|洗剤|漂白|電池|毒|洗衣液|清洁|清潔|电池|农药|農藥|세제|락스|건전지|농약|nuoc tay|thuoc tay|thuoc sau|agua sanitaria|cloro|veneno|detergente|zonrox|lason|विष|bish|pemutih|racun|น้ำยา|ยาฆ่าแมลง|อဆိပ်|အဆိပ်",
  signs: "fever|limp|floppy|droop|slurred|numb|swell|asthma|inhaler|allerg|熱|ぐったり|ゆがん|しびれ|ろれつ|喘息|吸入|あれるぎ|腫れ|发烧|發燒|软|軟|歪|麻|哮喘|氣喘|过敏|過敏|肿|腫|열이|처졌|저려|어눌|천식|흡입기|알레르기|부어|sot$|mem nhun|meo$|te$|noi ngong|hen$|xit$|di ung|sung$|febre|mole$|torto|dormente|asma|bombinha|alergia|inchad|fiebre|aguado|chueca|adormecid|inhalador|hinchad|lagnat|lupaypay|tumabingi|manhid|hika|namamaga|ज्वरो|jwaro|bangiyo|झमझम|दम$|demam|lemas|mencong|kesemutan|alergi|bengkak|ไข้|ปวกเปียก|ชา$|หอบ|แพ้|บวม|အဖျား|ထုံ|ပန်းနာ|ယောင်",
  water: "only water|just water|tap water|water only|水だけ|みずだけ|水道水|只喝水|只喝自来水|只喝自來水|喝水|물만|수돗물|chi uong nuoc|uong nuoc|so agua|so bebendo agua|solo agua|solo tomo agua|tomando solo agua|tubig lang|पानी मात्र|pani matra|cuma air|cuma minum air|minum air|ดื่มแต่น้ำ|กินแต่น้ำ|ရေပဲ",
  bruise: "bruise|rib$|ribs$|black eye|swollen face|あざ|痣|肋骨|淤青|瘀青|乌青|멍|갈비뼈|vet bam|bam tim|xuong suon|roxa$|roxo$|hematoma|moreton|pasa$|puro pasa|निलडाम|nildam|memar|lebam|ช้ำ|เขียวช้ำ|ဒဏ်ရာ|အညို",
  shake: "shook|shake|shaking the baby|揺さぶ|ゆさぶ|揺す|ゆす|摇|搖|흔들|lac manh|sacudi|chacoal|niyugyog|inalog|हल्लाए|guncang|goyang|เขย่า|လှုပ်",
  money: "money|cash|salary|payday|paycheck|wage|お金|おかね|給料|きゅうりょう|金がない|钱|錢|工资|工資|薪水|돈|월급|tien$|luong$|dinheiro|salario|grana|dinero|sueldo|quincena|pera$|sweldo|पैसा|तलब|paisa|uang|duit|gaji|เงิน|ပိုက်ဆံ|လစာ",
  joke: "lol$|haha|lmao|dying to|killing me|to death|笑|死ぬほど|しにそう|死にそう|哈哈|死了|笑死|ㅋㅋ|ㅎㅎ|죽겠|muon chet|chet mat|kkk|morrendo de|me matando|jaja|me muero de|muerto de|हाहा|wkwk|setengah mati|555|ตายแน่|ဟားဟား",
};

function fold(word: string): string {
  return foldForCrisis(normalizeForCrisis(word));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

function compile(words: string): RegExp {
  const parts = words.split("|").map((w) => {
    const whole = w.endsWith("$");
    const f = fold(whole ? w.slice(0, -1) : w);
    if (!/^[\x00-\x7f]*$/u.test(f)) return escape(f);
    return `(?<![a-z0-9'])${escape(f)}${whole ? "(?![a-z0-9'])" : ""}`;
  });
  return new RegExp(parts.join("|"), "u");
}

const COMPILED: readonly (readonly [string, RegExp])[] = Object.entries(CONCEPTS).map(([name, words]) => [name, compile(words)] as const);

/** The concepts present in a message's feature text (see crisisFeatures.ts), in a fixed order. */
export function conceptsIn(featureText: string): string[] {
  return COMPILED.filter(([, re]) => re.test(featureText)).map(([name]) => name);
}
