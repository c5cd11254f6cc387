import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, plainFromSlack, stripBotMention } from '../../adapters/slack/mrkdwn.ts';
import { ASK_ACTION_PREFIX, BLOCK_KIT_LIMITS, decodeButtonValue, FEEDBACK_UP_ACTION, renderReply } from '../../adapters/slack/render.ts';
import type { AnswerReply, FactView, TimelineEntry } from '../../src/core/reply.ts';

const fact: FactView = {
  id: 'openai-founding',
  category: 'origins',
  answer: 'OpenAI was founded in December 2015 by Sam Altman, Elon Musk and others as a non-profit.',
  summary: 'OpenAI is founded (2015)',
  date: '2015-12',
  dateLabel: 'December 2015',
  claimant: 'Asia Economy',
  claimantRole: 'report',
  quote: '2015년 오픈AI를 공동 설립',
  attribution: 'Asia Economy, April 2025',
};

const answer = (overrides: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer',
  lang: 'en',
  title: fact.summary,
  body: fact.answer,
  fact,
  confidence: 0.9,
  alternatives: [],
  visibility: 'public',
  question: 'who founded OpenAI',
  ...overrides,
});

/** Every text a person could see in a message, joined. */
const visibleText = (message: { text: string; blocks: unknown[] }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

type AnyBlock = {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ type: string; text?: { text: string } | string; action_id?: string; value?: string }>;
};

describe('Slack Block Kit rendering', () => {
  it('shows the answer, the quote, the date, the claimant and the attribution', () => {
    const message = renderReply(answer());
    const blocks = message.blocks as AnyBlock[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'OpenAI is founded (2015)' } });
    expect(blocks[1]).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: 'You asked: who founded OpenAI' }] });
    expect(blocks[2]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: fact.answer } });
    const context = JSON.stringify(blocks.filter((b) => b.type === 'context'));
    expect(context).toContain('2015년 오픈AI를 공동 설립');
    expect(context).toContain('December 2015');
    expect(context).toContain('Reported by: Asia Economy');
    expect(context).toContain('Asia Economy, April 2025');
    expect(message.text).toContain('Sam Altman, Elon Musk');
  });

  it('labels in Korean for Korean replies', () => {
    const message = renderReply(answer({ lang: 'ko', question: '오픈AI는 누가 설립했어?' }));
    expect(visibleText(message)).toContain('출처');
    expect(visibleText(message)).toContain('보도: Asia Economy');
    expect(visibleText(message)).toContain('도움이 됐습니다');
  });

  it('offers did-you-mean buttons that carry the fact and the language', () => {
    const message = renderReply({
      kind: 'abstain',
      lang: 'ko',
      title: '잘 모르겠어요',
      body: '혹시 이런 질문인가요?',
      alternatives: [
        { factId: 'musk-lawsuit', question: '머스크는 왜 소송했어?', label: '머스크의 소송 '.repeat(20) },
        { factId: 'stargate', question: '스타게이트가 뭐야?', label: '스타게이트' },
      ],
      visibility: 'public',
      confidence: 0.3,
      question: '뭐라고?',
    });
    const buttons = (message.blocks as AnyBlock[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => b.action_id)).toEqual([`${ASK_ACTION_PREFIX}musk-lawsuit`, `${ASK_ACTION_PREFIX}stargate`]);
    expect(buttons.map((b) => decodeButtonValue(b.value))).toEqual([
      { factId: 'musk-lawsuit', lang: 'ko' },
      { factId: 'stargate', lang: 'ko' },
    ]);
    for (const b of buttons) expect(Array.from((b.text as { text: string }).text).length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.buttonText);
    // no feedback buttons on an abstention: there is no answer to judge
    expect(buttons.some((b) => b.action_id === FEEDBACK_UP_ACTION)).toBe(false);
  });

  it('puts 👍/👎 under answers, unless asked not to', () => {
    const ids = (r: ReturnType<typeof renderReply>) =>
      (r.blocks as AnyBlock[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).map((e) => e.action_id);
    expect(ids(renderReply(answer()))).toEqual(['feedback:up', 'feedback:down']);
    expect(ids(renderReply(answer(), { feedback: false }))).toEqual([]);
  });

  it('echoes mentions and broadcasts as text, never as pings', () => {
    const hostile = '<!channel> <!here> <!everyone> <@U123ABC> <!subteam^S1|@devs> & <https://evil.example|click>';
    const message = renderReply(answer({ question: hostile, title: hostile, body: `You said ${hostile}` }));
    const all = visibleText(message);
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<!subteam^S1|@devs>', '<https://evil.example|click>']) {
      expect(all).not.toContain(ping);
    }
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.text).toContain('&amp;');
    // mrkdwn text objects are verbatim, so Slack does not auto-link names or channels either
    const mrkdwnObjects = JSON.stringify(message.blocks).match(/"type":"mrkdwn"/g)?.length ?? 0;
    const verbatimObjects = JSON.stringify(message.blocks).match(/"verbatim":true/g)?.length ?? 0;
    expect(verbatimObjects).toBe(mrkdwnObjects);
  });

  it('stays within Block Kit limits for long text', () => {
    const long = 'Musk & Altman <3 '.repeat(600);
    const message = renderReply(answer({ title: long, body: long, question: long, fact: { ...fact, quote: long } }));
    for (const block of message.blocks as AnyBlock[]) {
      if (block.type === 'header') expect(Array.from(block.text!.text).length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.headerText);
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
      if (block.type === 'section') expect(block.text!.text).not.toMatch(/&(a|am|l|g|lt|gt|amp)?…/); // no entity cut in half
    }
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('chunks a long timeline into sections and stays under 50 blocks', () => {
    const entries: TimelineEntry[] = Array.from({ length: 2000 }, (_, i) => ({
      factId: `f${i}`,
      date: `20${10 + (i % 15)}`,
      dateLabel: `Year ${i}`,
      summary: `Something happened between Musk and Altman, number ${i}, with a fairly long headline`,
    }));
    const message = renderReply({
      kind: 'timeline',
      lang: 'en',
      title: 'Musk vs Altman timeline',
      body: entries.map((e) => `• ${e.dateLabel} — ${e.summary}`).join('\n'),
      entries,
      alternatives: [],
      visibility: 'public',
    });
    const blocks = message.blocks as AnyBlock[];
    expect(blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocksPerMessage);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(5);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
    expect(sections[0]!.text!.text).toMatch(/^• \*Year 0\* — Something happened/);
    const last = sections.at(-1)!.text!.text;
    const shown = sections.slice(0, -1).reduce((n, s) => n + s.text!.text.split('\n').length, 0);
    expect(last).toBe(`…and ${2000 - shown} more. Narrow the period, e.g. \`/feud timeline 2024\`.`);
  });

  it('keeps a short timeline whole, in order', () => {
    const entries: TimelineEntry[] = [
      { factId: 'a', date: '2015-12', dateLabel: 'December 2015', summary: 'OpenAI is founded' },
      { factId: 'b', date: '2018', dateLabel: '2018', summary: 'Musk leaves the board' },
    ];
    const message = renderReply({ kind: 'timeline', lang: 'en', title: 'Timeline', body: '', entries, alternatives: [], visibility: 'public' });
    const sections = (message.blocks as AnyBlock[]).filter((b) => b.type === 'section');
    expect(sections.map((s) => s.text!.text)).toEqual(['• *December 2015* — OpenAI is founded\n• *2018* — Musk leaves the board']);
  });

  it('renders notices and errors compactly, without a header', () => {
    const message = renderReply({
      kind: 'error',
      lang: 'en',
      title: "Sorry, I can't do that",
      body: 'Use `/feud listen on` <now>',
      alternatives: [],
      visibility: 'private',
    });
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: "*Sorry, I can't do that*\nUse `/feud listen on` &lt;now&gt;", verbatim: true } },
    ]);
  });
});

describe('Slack text in', () => {
  it('turns Slack markup into what the person typed', () => {
    expect(plainFromSlack('<!channel> who founded <https://openai.com|OpenAI> &amp; when?')).toBe('@channel who founded OpenAI & when?');
    expect(plainFromSlack('ask <@U123|sam> in <#C999|general> about <!subteam^S1|@devs> or <!here>')).toBe('ask @sam in #general about @devs or @here');
    expect(plainFromSlack('<https://example.com> 1 &lt; 2')).toBe('https://example.com 1 < 2');
  });

  it('removes only the bot mention', () => {
    expect(stripBotMention('<@UBOT> who founded OpenAI', 'UBOT')).toBe('who founded OpenAI');
    expect(stripBotMention('hey <@UBOT|feud>  did <@U999> sue?', 'UBOT')).toBe('hey did <@U999> sue?');
    expect(stripBotMention('<@UBOT> who founded OpenAI', undefined)).toBe('who founded OpenAI');
  });

  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('a & b <c> *d* `e`')).toBe('a &amp; b &lt;c&gt; *d* `e`');
  });
});
