/**
 * People and companies described instead of named: "the Tesla boss", "the guy who runs OpenAI", "the company
 * behind ChatGPT", "테슬라의 창업자", "챗GPT 개발사". The topic says who leads or owns what and who makes what
 * (knowledge/topic.json: roles, makers); the words people describe them with are the language's, here. A description
 * reads as the name it stands for, so "what did the Tesla boss call the ChatGPT maker" is a question about Musk and
 * OpenAI. Read after names and synonyms are folded, so "Tesla's chief executive" is already "tesla ceo".
 */
import type { Topic } from '../knowledge/topic.ts';
import { escapeRegExp } from './regexp.ts';

/** The words as alternatives; a phrase's words may be spaced apart as folding leaves them. */
const anyOf = (words: readonly string[]) => `(?:${words.map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|')})`;

/** Words for the one who leads a company, after synonyms are folded ("boss" is "ceo", "창업자" is "found"). */
const LEADS = ['ceo', 'chief', 'head', 'chairman', '대표', '수장', '회장'];
/** …and for the one who founded or owns it. */
const OWNS = ['found', 'owner', 'owners', '오너', '주인', '소유주'];
/** "founder" is folded with "founded": "when was Tesla founded", "xAI founded in 2023" are no founder. */
const NOT_A_FOUNDER_BEFORE = String.raw`(?<!\b(?:was|is|were|been|being|be|get|got|gets|when|how|why|where)\s+(?:the\s+)?)`;
const NOT_A_FOUNDER_AFTER = String.raw`(?!\s+(?:in|on|by|at|as|with|when|before|after|during)\b)`;
/** "the guy who runs", "the man behind". */
const PERSON = ['guy', 'man', 'person', 'dude', 'one', 'fella', 'bloke', 'billionaire'];
const LEAD_VERBS = ['run', 'runs'];
const OWN_VERBS = ['own', 'owns', 'owned', 'found', 'behind'];
const KO_LEAD_VERBS = ['이끄는', '이끌고 있는', '운영하는', '경영하는', '맡고 있는'];
const KO_OWN_VERBS = ['가진', '소유한', '세운', '차린', '만든'];
const KO_PERSON = ['사람', '분', '남자', '양반', '사장님'];
/** What a maker is called: "the ChatGPT maker", "the company behind Grok". */
const MAKER = [
  'maker',
  'makers',
  'company',
  'companies',
  'firm',
  'lab',
  'developer',
  'developers',
  'creator',
  'creators',
  'people',
  'team',
  'startup',
  'outfit',
  'parent',
  'shop',
];
/** "made", "created" fold to "found", "developed" to "build"; "makes" and the like are read as typed. */
const MAKER_LINKS = [
  'behind',
  ...['that', 'who', 'which'].flatMap((w) => ['found', 'makes', 'build', 'builds', 'creates', 'own', 'owns'].map((v) => `${w} ${v}`)),
];
const KO_MAKER = ['개발사', '회사', '업체', '운영사', '제작사', '만든 회사', '만든 곳', '만든 데', '만드는 회사', '만드는 곳'];

/** Each described thing's alternatives, as one pattern part. */
interface Described {
  canonical: string;
  alternatives: string[];
}

function describedOf(topic: Topic): Described[] {
  const described: Described[] = [];
  for (const [maker, products] of Object.entries(topic.makers ?? {})) {
    const made = anyOf(products);
    described.push({
      canonical: maker,
      alternatives: [
        `${made}\\s+${anyOf(MAKER)}`,
        `${anyOf(MAKER)}\\s+${anyOf(MAKER_LINKS)}\\s+(?:the\\s+)?${made}`,
        `${made}\\s*(?:의\\s*)?${anyOf(KO_MAKER)}`,
      ],
    });
  }
  for (const [person, { leads = [], owns = [] }] of Object.entries(topic.roles ?? {})) {
    const alternatives: string[] = [];
    for (const [orgs, roles, verbs, koVerbs, before, after] of [
      [leads, LEADS, LEAD_VERBS, KO_LEAD_VERBS, '', ''],
      [owns, OWNS, OWN_VERBS, KO_OWN_VERBS, NOT_A_FOUNDER_BEFORE, NOT_A_FOUNDER_AFTER],
    ] as const) {
      if (orgs.length === 0) continue;
      const org = anyOf(orgs);
      alternatives.push(
        // the look back is only taken where a company's name starts
        `(?=${org})${before}${org}\\s+(?:의\\s*)?${anyOf(roles)}${after}`,
        `${anyOf(roles)}\\s+(?:of|at)\\s+(?:the\\s+)?${org}`,
        `${anyOf(PERSON)}\\s+(?:(?:who|that)\\s+)?${anyOf(verbs)}\\s+(?:the\\s+)?${org}`,
        `${org}\\s*(?:를|을)?\\s*${anyOf(koVerbs)}\\s*${anyOf(KO_PERSON)}`,
      );
    }
    if (alternatives.length) described.push({ canonical: person, alternatives });
  }
  return described;
}

/**
 * Reads descriptions as the names they stand for; a topic without roles or makers reads none. One pattern for all of
 * them (a group per described thing), run only on a text that holds one of the companies or products they need.
 */
export function descriptionReader(topic: Topic): (folded: string) => string {
  const described = describedOf(topic);
  if (described.length === 0) return (folded) => folded;
  const pattern = new RegExp(`(?<![a-z0-9가-힣])(?:${described.map((d) => `(${d.alternatives.join('|')})`).join('|')})(?![a-z0-9])`, 'g');
  // cheap looks first: a description holds a company or product, and a word for a role, a person or a maker
  const named = [...Object.values(topic.makers ?? {}).flat(), ...Object.values(topic.roles ?? {}).flatMap((r) => [...(r.leads ?? []), ...(r.owns ?? [])])];
  const hasName = new RegExp(` ${anyOf([...new Set(named)])} `);
  const hasRoleWord = new RegExp(anyOf([...LEADS, ...OWNS, ...PERSON, ...MAKER, ...KO_PERSON, ...KO_MAKER]));
  const canonicalOf = (groups: unknown[]) => described[groups.findIndex((g) => g !== undefined)]!.canonical;
  const read = (folded: string) => folded.replace(pattern, (_match, ...groups: unknown[]) => ` ${canonicalOf(groups.slice(0, described.length))} `);
  return (folded) => {
    if (!hasName.test(folded) || !hasRoleWord.test(folded)) return folded;
    const once = read(folded);
    // a second look composes them: "the ChatGPT maker's boss" is OpenAI's boss, Altman
    return once === folded ? once : read(once);
  };
}
