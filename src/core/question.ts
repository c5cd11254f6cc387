/**
 * What a message asks, before any fact is looked at: which sentence is the question (its focus), and
 * what kind of thing it asks for (a person, a date, an amount…). Both are read from the words alone.
 *
 * "I'm putting together slides for Friday's reading group. What did Grok-2 beat?" has one question
 * sentence; the rest is context, which must not sink it. "Where is Colossus?" asks for a place, and a
 * fact that holds no place cannot answer it, however many words it shares.
 */
import type { AnswerKind } from '../knowledge/schema.ts';
import { cleanText, type Normaliser } from './normalise.ts';

export interface QuestionShape {
  /** The question sentence (the whole message when it is one sentence, or none stands out). */
  focus: string;
  /** The other sentences, in order: context around the question. */
  context: string;
  /** What the question asks for, when its words say so ("when" → date); undefined for "what about…", yes/no and the like. */
  asks?: AnswerKind;
  /** A date asked to the day ("what day", "며칠"), which a fact dated only to the month cannot give. */
  asksDay?: boolean;
  /**
   * The question asks about what will happen, what happened since, or how things stand now ("when will it launch",
   * "has a judge ruled yet", "나중에 지웠어?", "xAI 현재 가치"): the article reports what had happened by April 2025.
   */
  future?: boolean;
  /** Whose words a quote question asks for ("what did Altman say", "엔비디아는 뭐라고 했어"): a canonical actor. */
  speaker?: string;
  /**
   * The question asks the bot for a view or a guess ("was Musk right?", "누가 이길 것 같아?", "is the bid fair"): the
   * article reports what people said and did, not a verdict on it.
   */
  opinion?: boolean;
  /**
   * It asks yes or no ("did Musk get his money back?", "소송 이겼어?"): people ask that most of what the article
   * does not say, to have a guess confirmed.
   */
  yesNo?: boolean;
  /** It asks beyond what was reported: someone else, something more, later or since ("who else", "did he also", "그 뒤로", "말고 또"). */
  beyond?: boolean;
}

/**
 * Question words as phones and hurried fingers type them ("wen was it", "waht did he say", "hw much"): read as the
 * word they stand for, so the question is still seen as one and still asks for a date, an amount… Only forms that
 * are no English word of their own ("were" could be "where", so it is left alone).
 */
const QUESTION_WORD_TYPOS = new Map(
  Object.entries({
    when: 'wen whn wehn whne whem',
    what: 'wat wut wht waht whta wha whay whatt',
    "what's": 'wats whts wuts wahts',
    how: 'hw hpw howw',
    which: 'wich whcih whihc whitch wihch',
    where: 'wher whre wehre whr',
    "who's": 'whos',
    who: 'whi woh',
    why: 'wy whyy',
  }).flatMap(([word, typos]) => typos.split(' ').map((typo) => [typo, word] as const)),
);
const QUESTION_WORD_TYPO = new RegExp(`(?<![\\p{L}\\p{N}'])(?:${[...QUESTION_WORD_TYPOS.keys()].join('|')})(?![\\p{L}\\p{N}'])`, 'giu');

/** A message cleaned for reading its shape, its misspelt question words read as meant. */
function cleanQuestion(message: string): string {
  return cleanText(message).replace(QUESTION_WORD_TYPO, (w) => QUESTION_WORD_TYPOS.get(w.toLowerCase())!);
}

/** Sentence ends: . ! ? and their full-width forms, line breaks, and a Korean connective clause (…인데요, / …쓰고 있는데), comma or not. */
const SENTENCE_BREAK =
  /(?<=[.!?。！？])\s+|\n+|(?<=(?:는데|은데|인데|한데|던데|니까|어서|아서|해서|라서|지만)요?,)\s*|(?<=[가-힣](?:는데|은데|인데|한데|던데|니까|지만)요?)\s+/u;

/** Marks of a question sentence, in either language. */
const QUESTION_MARK = /[?？]\s*$/;
const LEAD_IN = String.raw`(?:(?:so|and|but|wait|ok|okay|anyway|hey|lol|btw|also|then|like|um|uh|hmm|quick question|question)[,:]?\s+)*`;
const ENGLISH_QUESTION_START = new RegExp(
  `^${LEAD_IN}(?:who|whom|whose|what|whats|what's|when|where|why|how|which|did|does|do|is|are|was|were|can|could|has|have|had|will|would|tell me|explain)\\b`,
  'i',
);
const ENGLISH_QUESTION_WORD = /\b(?:who|what|when|where|why|how|which)\b/i;
const KOREAN_QUESTION_WORD = /누가|누구|언제|어디|왜|뭐|뭘|뭔|무엇|무슨|어떻게|어떤|얼마|몇|며칠/;
const KOREAN_QUESTION_END =
  /(?:까|니|냐|나요|가요|예요|에요|죠|야|어|지|음|임|는지|은지|던가|더라|알려\s*줘|알려\s*주(?:세요|실래요|시겠어요|시면[^.?!]*)|궁금(?:해요?|합니다|하네요?|함|하다)?)\s*[?？]?\s*$|(?:궁금(?:해요?|합니다|하네요?|함)|알려\s*주(?:세요|십시오))\s*[.!]\s*$/;

function questionness(sentence: string): number {
  let score = 0;
  if (QUESTION_MARK.test(sentence)) score += 2;
  if (ENGLISH_QUESTION_START.test(sentence)) score += 1.5;
  else if (ENGLISH_QUESTION_WORD.test(sentence)) score += 0.5;
  if (KOREAN_QUESTION_WORD.test(sentence)) score += 1;
  if (KOREAN_QUESTION_END.test(sentence)) score += 1;
  return score;
}

/** A Korean clause ending in a question, run on into the next without punctuation ("그게 언제예요 소송 전이에요"). */
const KOREAN_QUESTION_CLAUSE_BREAK = /(?<=[가-힣](?:예요|에요|나요|가요|까요|까|냐|니|임|음|야|거야|건가|는지)[?？]?)\s+(?=[가-힣A-Za-z])/u;

/**
 * The one question sentence of a message of several, to be read on its own when the message as a whole is not
 * answered ("How big is Stargate? I've seen $100B and $500B thrown around…"); one that points back is read with
 * the sentence before it. A message of one sentence, or with several clear questions, has none: two questions
 * read one by one would get two chances at a wrong answer.
 */
export function theQuestionSentence(message: string): string | undefined {
  const sentences = sentencesOf(cleanQuestion(message), KOREAN_QUESTION_CLAUSE_BREAK);
  if (sentences.length <= 1 || sentences.length > MAX_SENTENCES) return undefined;
  const clear = sentences.flatMap((sentence, i) => (questionness(sentence) >= CLEAR_QUESTION ? [i] : []));
  if (clear.length !== 1) return undefined;
  const i = clear[0]!;
  return i > 0 && refersBack(sentences[i]!) ? `${sentences[i - 1]} ${sentences[i]}` : sentences[i];
}

/** A cleaned text's sentences, trimmed, none empty; `clauses` splits each further (a Korean run-on question). */
function sentencesOf(text: string, clauses?: RegExp): string[] {
  const parts = text.split(SENTENCE_BREAK);
  return (clauses ? parts.flatMap((p) => p.split(clauses)) : parts).map((p) => p.trim()).filter(Boolean);
}

/** A question mark, a question's opening, or a Korean question word with a question ending. */
const CLEAR_QUESTION = 1.5;

/** Longest sentence list looked at: a message of more sentences is read whole. */
const MAX_SENTENCES = 8;

/** The shape of a message; the normaliser names the speaker of a quote question ("what did Altman say"). */
export function shapeOf(message: string, normaliser: Normaliser): QuestionShape {
  const text = cleanQuestion(message);
  const sentences = sentencesOf(text);
  if (sentences.length <= 1 || sentences.length > MAX_SENTENCES) return withAsks(normaliser, { focus: text, context: '' });
  const scores = sentences.map(questionness);
  let best = -1;
  // the clearest question sentence says what is asked; of equals, the first (later ones add to it: "Also, was he…")
  scores.forEach((score, i) => {
    if (score > 0 && (best < 0 || score > scores[best]!)) best = i;
  });
  // no sentence reads as a question ("Doing homework on AI firms. openai founding date", "musk 97b bid. asking for a
  // friend"): the one that names most of the topic is what is asked, the last of equals; naming none, the message is read whole
  if (best < 0) {
    const named = sentences.map((sentence) => normaliser.normalise(sentence).words.filter((w) => normaliser.isTerm(w)).length);
    const most = Math.max(...named);
    if (most === 0) return withAsks(normaliser, { focus: text, context: '' });
    const at = named.lastIndexOf(most);
    return withAsks(normaliser, { focus: sentences[at]!, context: sentences.filter((_, i) => i !== at).join(' ') });
  }
  // every question sentence is part of the focus ("Musk called it a monster, right? What exactly did he say?");
  // one of one or two words ("why?", "언제야?") also takes the sentence before it. The best one says what is asked.
  const inFocus = sentences.map((_, i) => scores[i]! > 0 || (i + 1 < sentences.length && scores[i + 1]! > 0 && sentences[i + 1]!.split(/\s+/).length <= 2));
  const focus = sentences.filter((_, i) => inFocus[i]).join(' ');
  return withAsks(normaliser, { focus, context: sentences.filter((_, i) => !inFocus[i]).join(' ') }, sentences[best]!);
}

const ASKS_DAY = /\bwhat (?:day|date)\b|\bwhich day\b|\bexact (?:day|date)\b|며칠|몇\s*일|무슨\s*요일|정확한\s*날짜/i;
const FUTURE =
  /\b(?:will|won't|gonna|going to|is (?:it )?(?:expected|planned|scheduled) to|next|launching|coming out|yet|already|later|since then|by now|anymore|currently|ended up|outcome|result|verdict)\b|(?:나올|끝날|이길|될|열릴|나갈)\s*(?:까|거야|건가|예정)|예정|앞으로|현재|언제\s*(?:나와|나오|끝나|열려)|출시\s*(?:예정|될|할)|이미|나중에|아직|결과|판결|그\s*뒤|그\s*후/i;

const OPINION =
  /\bin your (?:view|opinion)\b|\b(?:do|did) you (?:think|reckon|believe)\b|\bwould you say\b|\byour (?:take|opinion|view)\b|\bwhat do you make of\b|\bwho (?:will|would|is going to|'s gonna) win\b|\bwho(?:'s| is) (?:winning|in the right|right)\b|\b(?:was|is) (?:musk|elon|altman|sam|he|she|openai) (?:right|wrong)\b|\b(?:fair|reasonable|justified|overkill|worth it)\b|어떻게\s*생각해|어떻게\s*봐|네\s*생각|너는\s*어떻게|누가\s*(?:이길|이겨|유리|옳)|(?:맞는|옳은)\s*말이야|정당해|과한\s*거|(?:것|거)\s*같아\s*[?？]?\s*$|(?:할|될|줄)까\s*[?？]?\s*$/i;

const BEYOND =
  /\b(?:who|what|which|anyone|anything|any) else\b|\bany other\b|\bother than\b|\bbesides\b|\bapart from\b|\balso\b|\btoo\b|\bever\b|\bstill\b|\bhow long\b|\bwhat time\b|\bcurrently\b|\bthese days\b|\banymore\b|\bsince then\b|또\s*(?:누가|누구|뭐|무슨|어떤|다른)|말고\s*(?:또|다른)|외에|이후|그\s*뒤|그\s*후|여전히|아직도/i;

const ENGLISH_YES_NO = new RegExp(`^${LEAD_IN}(?:did|does|do|has|have|had|is|are|was|were|can|could|will|would|should)\\b`, 'i');

/** A yes/no question: an English one opening with its verb, a Korean one with a question ending and no question word. */
function isYesNo(sentence: string): boolean {
  if (ENGLISH_YES_NO.test(sentence)) return true;
  return /[가-힣]/.test(sentence) && !KOREAN_QUESTION_WORD.test(sentence) && (QUESTION_MARK.test(sentence) || KOREAN_QUESTION_END.test(sentence));
}

/** What is asked, read from the main question sentence (the whole focus when there is one). */
function withAsks(normaliser: Normaliser, shape: QuestionShape, main: string = shape.focus): QuestionShape {
  const asks = askedKind(main);
  return {
    ...shape,
    ...(asks ? { asks } : {}),
    ...(asks === 'date' && ASKS_DAY.test(main) ? { asksDay: true } : {}),
    ...(FUTURE.test(main) ? { future: true } : {}),
    ...(OPINION.test(main) ? { opinion: true } : {}),
    ...(asks === undefined && isYesNo(main) ? { yesNo: true } : {}),
    ...(BEYOND.test(main) ? { beyond: true } : {}),
    ...(asks === 'quote' ? speakerOf(main, normaliser) : {}),
  };
}

/** "what did <speaker> say", "<speaker>는 … 뭐라고 했어": the part before the verb names who spoke. */
const SPEAKER = /\bwhat (?:did|does|has|had) ((?:[\w'-]+ ){1,3}?)(?:say|said|call|tweet|write|respond|reply)\b|^(.*?)(?:은|는|이|가|도)?\s[^?]*뭐라고/i;

function speakerOf(focus: string, normaliser: Normaliser): { speaker?: string } {
  const m = SPEAKER.exec(focus);
  const span = m?.[1] ?? m?.[2];
  if (!span) return {};
  const actor = normaliser.normalise(span).words.find((w) => normaliser.actors.has(w));
  return actor ? { speaker: actor } : {};
}

/**
 * What kind of thing a question asks for. The order matters: "how much" before "how", "what is it
 * called" before "what", "몇 개" before "몇 년".
 */
const ASKS: Array<[AnswerKind, RegExp]> = [
  // the name of a company is the company ("머스크 AI 회사 이름이 뭐야" is xAI), before any other name
  [
    'organisation',
    /\bname of (?:the |his |her |their |musk'?s |altman'?s |elon'?s )?(?:ai )?(?:company|firm|startup|lab)\b|\b(?:company|firm|startup)(?:'s)? name\b|(?:회사|기업|업체|스타트업)\s*(?:이름|명(?![가-힣]))/i,
  ],
  [
    'quote',
    /\bwhat did (?:\w+ ){1,2}(?:say|call|tweet|write)\b|\bwhat (?:were|was) (?:the )?(?:exact )?words\b|뭐라고\s*(?:했|말|불렀|그랬|욕|비난|공격|비꼬)/i,
  ],
  [
    'name',
    /\bwhat(?:'s| is| was| will| would)?\b[^?.!]{0,40}?\b(?:be )?(?:called|named)\b|\bwhat(?:'s| is| was) (?:the |its |their )?name\b|\bname of\b|\bcalled what\b|\bnamed what\b|이름|명칭|(?:앱|서비스)\s*명/i,
  ],
  [
    'amount',
    /\bhow much\b|\bhow many (?:dollars|billions?|millions?)\b|\bwhat (?:was|is) the (?:price|amount|cost|valuation|sum)\b|\bhow (?:big|large) (?:was|is) (?:the |trump'?s )?(?:offer|bid|deal|investment|project|fund|budget)\b|얼마(?!나)|얼마나\s*(?:\S+\s*)?(?:돈|투자|냈|넣|쏟|달러|자금|규모|금액)|금액|액수|몇\s*(?:달러|억|조|만\s*달러)/i,
  ],
  // a person's age is a number, not a date ("how old is Musk"); a company's age is its founding date
  ['count', /\bhow old (?:is|was|are|were) (?:elon|musk|sam|altman|he|she|they|son|ellison|trump)\b/i],
  [
    'date',
    /\bwhen\b|\bwhat (?:year|month|day|date)\b|\bwhich (?:year|month|day)\b|\bhow long ago\b|\bhow old is\b|\bsince when\b|언제|몇\s*(?:년|월|일)(?![가-힣])|며칠|날짜|시점|연도|년도/i,
  ],
  ['count', /\bhow many\b|\bnumber of\b|\bhow old\b|몇\s*(?:개|명|대|장|번|곳|가지|살)|개수|(?<![가-힣])나이/i],
  // "where does this come from", "어디 기사야", "참여 기업 어디": the answer is a source or a company
  [
    'organisation',
    /\bwhere (?:does|do|did) (?:this|that|it|all this|your \w+|you) (?:\w+ )?(?:come|get|learn|find)|\bwhat (?:company|outlet|paper|newspaper|media)\b|\bwhich (?:company|companies|outlet|paper|newspaper|media)\b|어디\s*(?:기사|거|꺼|신문|매체|언론|회사|기업)|어디서\s*(?:나온|나왔|가져|봤|들었)|(?:기사|출처|매체|언론사|회사|기업|신문|데)\S{0,2}\s*어디/i,
  ],
  [
    'place',
    /\bwhere\b(?! (?:do|does|did) (?:things|we|they) stand)(?! does \w+ fit)|\bwhat (?:country|city|state|location|court)\b|\bwhich (?:country|city|state|court)\b|\blocated\b|어디(?!까지)|어느\s*(?:나라|지역|도시|곳|법원)|위치|장소/i,
  ],
  ['reason', /\bwhy\b|\bwhat for\b|\bfor what reason\b|\bhow come\b|\bwhat (?:made|caused|led)\b|왜|이유|어째서/i],
  ['person', /\bwho(?:m|se|'s)?\b|\bwhich (?:person|people|guy|one of them)\b|누가|누구|누군|어떤\s*사람/i],
];

/** An English question that opens with a plain "what/which/how/did…" asks what that opening asks, not a later clause's "when". */
const OPENING_WORD = new RegExp(`^${LEAD_IN}(what|whats|what's|which|how|did|does|do|is|are|was|were|can|could|has|have|had|will|would)\\b`, 'i');

export function askedKind(focus: string): AnswerKind | undefined {
  const text = focus.toLowerCase();
  let earliest: { kind: AnswerKind; at: number } | undefined;
  for (const [kind, pattern] of ASKS) {
    const at = text.search(pattern);
    if (at >= 0 && (!earliest || at < earliest.at)) earliest = { kind, at };
  }
  if (!earliest) return undefined;
  const opening = OPENING_WORD.exec(text);
  // "what did Grok-2 beat when it came out" asks what it beat; "what year…" matched at the opening itself
  if (opening && earliest.at > opening.index + opening[0].length - opening[1]!.length) return undefined;
  return earliest.kind;
}

/** A question that points back at what was just said: "when was that", "그거 언제였어", "did he". */
const REFERS_BACK =
  /(?<![a-z])(?:it|that|this|those|these|he|him|his|she|her|they|them|their|then|there)(?![a-z])|그거|그게|그건|그걸|그때|그 때|걔|그\s*사람|그분|이거|이게|이건|거기|그\s*얘기|그\s*일/i;

export function refersBack(question: string): boolean {
  return REFERS_BACK.test(cleanText(question).toLowerCase());
}
