/** What an editor checked: both sides of the feud are offered, and the timeline reads in order. */
import { describe, expect, it } from 'vitest';
import { createFeud } from '../../src/core/feud.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

const facts = loadFacts();
const feud = createFeud(facts);
/** The fact a reply is about, then the facts it offers, as a user sees them in order. */
const shown = (q: string) => {
  const reply = feud.ask(q);
  return { answered: reply.kind === 'answer' ? reply.fact!.id : undefined, offered: reply.alternatives.map((a) => a.factId), text: renderText(reply) };
};

describe('balance: each side’s words are offered beside the other’s', () => {
  it('the war-of-words overview tells Altman’s comeback and offers it first', () => {
    const insults = feud.answerFact('musk-insults', 'en')!;
    expect(insults.body).toMatch(/Altman did not sit still/);
    expect(feud.answerFact('musk-insults', 'ko')!.body).toMatch(/올트먼도 가만있지 않았습니다/);
    expect(insults.alternatives[0]!.factId).toBe('altman-grok-harris-jab');
    const asked = shown('what insults did musk use against altman');
    expect(asked.answered).toBe('musk-insults');
    const comeback = facts.find((f) => f.id === 'altman-grok-harris-jab')!.questions.en[0]!;
    expect(asked.text).toContain(`1. ${comeback}`);
  });

  it('a single insult offers the overview and Altman’s comeback', () => {
    for (const id of ['insult-swindly-sam', 'insult-crazy-eyes']) {
      expect(feud.answerFact(id, 'ko')!.alternatives.map((a) => a.factId)).toEqual(['musk-insults', 'altman-grok-harris-jab']);
    }
  });

  it('Musk’s lawsuit offers OpenAI’s countersuit, and the countersuit offers the lawsuit', () => {
    expect(shown('why did musk sue openai').offered[0]).toBe('openai-countersuit');
    expect(shown('오픈AI는 왜 머스크한테 맞소송했어?').offered[0]).toBe('nonprofit-lawsuit');
    const suing = shown('Are Musk and Altman suing each other?');
    expect([suing.answered, ...suing.offered]).toContain('openai-countersuit');
  });

  it('finds Altman’s comeback from Korean', () => {
    for (const q of [
      '올트먼은 머스크 막말에 어떻게 맞섰어?',
      '올트먼이 머스크를 조롱한 적 있나요?',
      '올트먼도 머스크한테 반격했어?',
      '올트먼은 머스크한테 어떤 말로 대응했나요?',
    ]) {
      expect(shown(q).answered, q).toBe('altman-grok-harris-jab');
    }
  });

  it('Musk’s private "Altman can’t have the money" and his public "they don’t have the money" suggest each other', () => {
    for (const q of ["Did Musk say Altman doesn't have the money?", '머스크가 올트먼은 돈이 없다고 했어?']) {
      const reply = shown(q);
      expect(reply.answered, q).toBe('stargate-musk-fury');
      expect(reply.offered[0], q).toBe('stargate-no-money');
    }
    expect(feud.answerFact('stargate-no-money', 'en')!.alternatives[0]!.factId).toBe('stargate-musk-fury');
  });
});

describe('the timeline', () => {
  const ids = (lang: 'en' | 'ko' = 'en') => feud.timeline(undefined, lang).entries!.map((e) => e.factId);

  it('lists what is known only to January 2025 after Stargate’s announcement on 20 January', () => {
    const order = ids();
    for (const later of ['stargate-musk-fury', 'musk-trump-split', 'stargate-no-money']) {
      expect(order.indexOf(later), later).toBeGreaterThan(order.indexOf('stargate-announcement'));
    }
    expect(order.indexOf('nonprofit-lawsuit')).toBeGreaterThan(order.indexOf('insult-swindly-sam'));
    const lines = feud.timeline('2025-01', 'en').body.split('\n');
    expect(lines[0]).toMatch(/^• 20 January 2025 — /);
    // same month, no day: the article's order (his fury, his posts on X, then, later, "no money")
    expect(feud.timeline('2025-01', 'ko').entries!.map((e) => e.factId)).toEqual([
      'stargate-announcement',
      'stargate-musk-fury',
      'musk-trump-split',
      'stargate-no-money',
    ]);
  });

  it('never repeats an entry’s date at the start of its summary', () => {
    for (const lang of ['en', 'ko'] as const) {
      for (const line of feud.timeline(undefined, lang).body.split('\n')) {
        const [, date, summary] = /^• (.+?) — (.*)$/.exec(line)!;
        expect(summary, line).not.toMatch(new RegExp(`^${date!.replace(/\D+/g, '\\D*')}\\b`));
      }
    }
  });

  it('does not list the article itself as an event', () => {
    expect(ids()).not.toContain('article-source');
    expect(ids('ko')).not.toContain('article-source');
    expect(feud.timeline('2025-04', 'en').entries!.map((e) => e.factId)).toEqual(['openai-countersuit', 'openai-social-network', 'social-network-conflict']);
  });
});

describe('about the article', () => {
  it('calls the deck line a subhead, not the headline', () => {
    for (const lang of ['en', 'ko'] as const) {
      const text = `${feud.about(lang).body}\n${feud.answerFact('article-source', lang)!.body}`;
      expect(text).not.toMatch(/headline|헤드라인|제목/i);
      expect(text).toMatch(lang === 'en' ? /subhead/ : /부제/);
    }
  });
});
