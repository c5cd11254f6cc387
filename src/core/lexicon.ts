/**
 * The languages' word lists: stop words, filler phrases, Korean endings and typo rules, months.
 * Data, not logic; src/core/normalise.ts applies them to questions and facts alike. What is particular
 * to the topic (its names, synonyms, actors, the pair "they" means) is in knowledge/topic.json.
 */

/** Words that say nothing about which fact is meant. Compared after lower-casing (English) or as whole Hangul words. */
export const STOPWORDS = new Set([
  // English
  ...'a an the all of to in on at by for from with and or but is are was were be been being am do does did done doing have has had having it its this that these those there here what whats which who whos whom whose when why how hows much many any some about tell me us you your i my we our they them their he she his her him please pls plz can could would should will shall may might must just really actually so then than also know want wanna gonna get got give say said says said tell told explain info information thing things story happened happen happens going go yo hey hi hello ok okay like kind sort bit lot did does yes vs versus between both two guys guy man men others other more most very whole whats up re s t d ll ve m lol lmao lmfao rofl yo fr ok okay cool wait even bro tho though pls u r ur ya yeah yep nope gonna wanna kinda sorta omg wtf idk btw ngl tbh wen wat wut hmm huh right thing stuff anyway basically literally seriously honestly apparently ever again still now today back thanks thank thx ty everyone channel'.split(
    ' ',
  ),
  // Korean question words, fillers and auxiliaries (whole words, after endings are removed)
  ...'누가 누구 누구야 누군 누군가 언제 왜 뭐 뭘 뭔 뭐야 뭔데 무엇 무슨 어떻게 어떤 어떡 얼마 얼마나 몇 그 이 저 좀 알려 알려줘 알려주세요 말해 말해줘 설명 설명해 궁금 궁금해 있 있어 있었 있나 있나요 없 했 하 한 할 해 함 것 거 건 게 뭔가 대해 대해서 관련 관해 관해서 정말 진짜 그냥 요즘 때 당시 두 둘 아 음 야 혹시 나 너 우리 제 그거 이거 저거 거기 여기 얘기 이야기 내용 일 인지 건가 거야 건데 거지 그래서 그리고 근데 그럼 이유 때문 때문에 어케 어째서 된 되 됐 되었 였 이었 뭐라고 뭐라 라 라고 ㅋㅋ ㅋㅋㅋ ㅎㅎ 임 음 대박 헐 며 다며 거임 한거 함 했대 맞아 맞지 아님 아니 처음 적 맨날 매일 항상 계속 자꾸 결국 어느 정도 어느정도 얼만큼 말고 그래 그랬 수 알 알고 주실 주시 주세요 주셔 줄래 궁금합 궁금하 궁금합니 여쭤 여쭤보 여쭤봅 말씀 부탁 부탁해 싶 싶어 싶습 바랍 해주 해줘 정리 정리해 요약 요약해 짜리 뭐시기 어쩌고 저쩌고 나오 나오면 나온 나와 나왔 관련해 관련된 쪽 그렇게 이렇게 자체 같이 중인데 중이 지금 혹시 보니까 보다가 들었 들었는데 들리던데 모르겠 모르겠어 싶은데'.split(
    ' ',
  ),
]);

/** Stock phrases that only pad a question ("what went wrong in the first place"); removed before words are read. */
export const FILLER_PHRASES = [
  'in the first place',
  'at the end of the day',
  'to be honest',
  'by the way',
  'or something',
  'or whatever',
  'and stuff',
  'and all that',
  'if you know',
  'for real',
  'all the time',
  'back in the day',
  // the fight itself, named as the topic ("the political prize in this rivalry", "이 싸움의 주인공")
  'this feud',
  'this fight',
  'this rivalry',
  'this beef',
  'this whole thing',
  'this drama',
  'this mess',
  '이 싸움',
  '이번 싸움',
  '이 갈등',
  // the article as the place of the answer, not its subject ("according to the article, when…", "기사에서는 …")
  'according to the article',
  'according to this article',
  'according to the source',
  'according to your source',
  'in the article',
  'in this article',
  'based on the article',
  'based only on the article',
  'lay out',
  'walk me through',
  'break down',
  'sum up',
  'give me a rundown',
  'give me the rundown',
  'fill me in',
  'catch me up',
  'does the article say',
  'did the article say',
  'the article says',
  'the article said',
  'what does the article say',
  'does it say in the article',
  '기사에 따르면',
  '기사에서는',
  '기사에서',
  '기사 기준으로',
  '기사 기준',
  '기사에 나온',
  '기사에 나와',
  '기사에 나오',
  '기사에는',
  '기사상',
];

/** Korean particles and verb endings, stripped from the end of a Hangul word (longest first). */
export const KOREAN_SUFFIXES = [
  ...'했다는거 한거임 거임 는거임 던거임 는거 던거 다는거 했더라 였더라 이었더라 었더라 았더라 더라 짜리 다매 라매 했다매 했음 이었음 였음 인거 인거임 임 음 입니까 합니까 합니다 됩니다 인가용 나용 이에여 에여 예여 나여 인가여 했어여 했다며 다며 라며 냐며 하던데 던데 는데 은데 했습니다 하셨나요 하셨어요 했었나요 했었어 했던가 했나요 했어요 했는지 했는데 했을까 했다고 했다는 했잖아 했대 했냐 했니 했어 했지 했나 했다 했던 했음 했고 하나요 하는지 하는데 하려고 하려는 하겠다 하겠다는 한다고 한다는 한다 하는 하게 하고 하던 하다 하니 하냐 하지 한거 한게 한건 됐습니다 됐나요 됐어요 됐어 됐나 됐다 됐니 됐지 됐음 되었나요 되었어 되었다 되었나 되었 되나요 되는 되니 된거 된게 된건 된 됨 습니까 습니다 었나요 았나요 었어요 았어요 었는지 았는지 었어 았어 었나 았나 었니 았니 었다 았다 었던 았던 었지 았지 었음 인가요 인가 인지 이야 이에요 예요 에요 이었어 였어 였나 였니 였다 였지 이냐 이니 이지 이라서 라서 나요 까요 어요 아요 에서는 에게서 한테서 으로서 으로는 이라는 이라고 라는 라고 께서 에서 에게 한테 으로 이랑 하고 까지 부터 처럼 보다 이랑 랑 냐 니 까 어 야 요 지 죠 다 던 은 는 이 가 을 를 의 에 와 과 도 만 로 나 고 했 함 한'.split(
    ' ',
  ),
].sort((a, b) => b.length - a.length);

/** English and Korean month names → canonical month terms (m1…m12). */
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Past-tense and future syllables typed with a single ㅅ for ㅆ (했엇어, 냇어, 하겟다). */
export const SINGLE_SIOT: Record<string, string> = {
  엇: '었',
  앗: '았',
  햇: '했',
  갓: '갔',
  왓: '왔',
  냇: '냈',
  됏: '됐',
  봣: '봤',
  엿: '였',
  잇: '있',
  겟: '겠',
  셧: '셨',
  졋: '졌',
  렷: '렸',
  쳣: '쳤',
  켯: '켰',
  랏: '랐',
  놧: '놨',
  줫: '줬',
  뒷: '뒀',
};

/** A verb stem's contracted 아/어 form back to the stem: 싸워 → 싸우, 커져 → 커지, 미쳐 → 미치. */
export const CONTRACTED: Record<string, string> = {
  워: '우',
  봐: '보',
  줘: '주',
  쳐: '치',
  져: '지',
  겨: '기',
  켜: '키',
  돼: '되',
  셔: '시',
  꿔: '꾸',
  뤄: '루',
  둬: '두',
};

/** Two-syllable Korean forms that also sit inside common words (준비하는 is not 비하, 대화가 is not 화가): matched only at a word's start. */
export const WORD_START_ONLY: ReadonlySet<string> = new Set(['비하', '화가', '사기', '이사', '가치', '미리', '사장', '갈라', '영리']);
