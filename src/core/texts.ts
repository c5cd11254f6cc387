/** The bot's own replies (errors, help, notices, the timeline frame), built from the message catalog. */
import { ARTICLE } from './article.ts';
import { type MessageKey, type MessageParams, t } from './catalog.ts';
import type { CommandOf } from './commands/types.ts';
import type { PeriodError } from './dates.ts';
import type { Lang, NoticeReply, Reply, Suggestion, TimelineEntry } from './reply.ts';

function notice(kind: NoticeReply['kind'], lang: Lang, title: string, body: string, visibility: Reply['visibility'] = 'private'): NoticeReply {
  return { kind, lang, title, body, alternatives: [], visibility };
}

export function error(lang: Lang, body: string): Reply {
  return notice('error', lang, t(lang, 'error.title'), body);
}

/** An error whose text is one catalog message. */
export function errorMessage(lang: Lang, key: MessageKey, params?: MessageParams): Reply {
  return error(lang, t(lang, key, params));
}

export function info(lang: Lang, title: string, body: string): Reply {
  return notice('notice', lang, title, body);
}

export const emptyQuestion = (lang: Lang): Reply => errorMessage(lang, 'question.empty');

export const tooLong = (lang: Lang, max: number): Reply => errorMessage(lang, 'question.tooLong', { max });

/** What a near miss asked for that the article does not hold: a kind of answer, an exact day, or what came after. */
export const NOT_SAID = ['any', 'person', 'organisation', 'date', 'day', 'amount', 'count', 'place', 'name', 'reason', 'quote', 'future'] as const;
export type NotSaid = (typeof NOT_SAID)[number];
export const isNotSaid = (kind: string | undefined): kind is NotSaid => (NOT_SAID as readonly string[]).includes(kind ?? '');

/**
 * "I don't know". For a near miss (a question about something the article covers, asking what it does not
 * say), say what is missing and what the article does say, with that fact first among the buttons.
 */
export function abstain(
  lang: Lang,
  question: string,
  alternatives: Suggestion[],
  confidence: number,
  nearMiss?: { notSaid: NotSaid; closest: Suggestion & { summary: string } },
): Reply {
  const body = nearMiss
    ? t(lang, 'abstain.notSaid', { what: t(lang, `abstain.what.${nearMiss.notSaid}`), summary: nearMiss.closest.summary })
    : `${t(lang, 'abstain.body')} ${t(lang, alternatives.length ? 'abstain.suggest' : 'abstain.seeHelp')}`;
  const buttons = nearMiss
    ? [
        { factId: nearMiss.closest.factId, question: nearMiss.closest.question, label: t(lang, 'abstain.tellMore') },
        ...alternatives.filter((a) => a.factId !== nearMiss.closest.factId),
      ]
    : alternatives;
  return {
    kind: 'abstain',
    lang,
    title: t(lang, 'abstain.title'),
    body,
    confidence,
    alternatives: buttons.slice(0, 3),
    visibility: 'public',
    question,
  };
}

export const randomFactTitle = (lang: Lang) => t(lang, 'fact.randomTitle');
export const dailyTitle = (lang: Lang) => t(lang, 'fact.dailyTitle');

/** A timeline period that did not parse: no year in it, or (with `why`) an impossible month or a backwards range. */
export function badRange(lang: Lang, range: string, why?: PeriodError): Reply {
  const reason = why ? t(lang, `timeline.reason.${why.reason}`, why.params) : t(lang, 'timeline.reason.noYear');
  return errorMessage(lang, 'timeline.badRange', { range, reason });
}

export function timeline(lang: Lang, range: string | undefined, entries: TimelineEntry[]): Reply {
  const title = range ? t(lang, 'timeline.titleRange', { range }) : t(lang, 'timeline.title');
  if (entries.length === 0) return info(lang, title, t(lang, 'timeline.empty'));
  return {
    kind: 'timeline',
    lang,
    title,
    body: entries.map((e) => `• ${e.dateLabel} — ${e.summary}`).join('\n'),
    entries,
    alternatives: [],
    visibility: 'public',
  };
}

/** `body` is the registry's help text (commands/index.ts: helpBody). */
export function help(lang: Lang, body: string): Reply {
  return notice('help', lang, t(lang, 'help.title'), body);
}

export function about(lang: Lang, factCount: number): Reply {
  const body = t(lang, 'about.body', { count: factCount, attribution: ARTICLE.attribution[lang], deck: ARTICLE.deck[lang] });
  return notice('about', lang, t(lang, 'about.title'), body, 'public');
}

/** A `daily`/`listen` command that did not parse: how to write it, and what was wrong. */
export function usage(lang: Lang, command: CommandOf<'usage'>): Reply {
  const { problem } = command;
  const detail = t(lang, `usage.problem.${problem.kind}`, 'arg' in problem ? { arg: problem.arg } : {});
  return errorMessage(lang, command.command === 'listen' ? 'usage.listen' : 'usage.daily', { problem: detail });
}
