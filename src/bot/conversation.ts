/**
 * Talking to users: every adapter hands each message here and renders what comes back. A message
 * becomes a Turn (its text, language and parsed command), which runs through a short ordered
 * pipeline inside one error boundary: the length cap, the curation record, listen mode's rules,
 * each command's preconditions (channel managers only; cooldown and channel cap), then the
 * command's own handler from the registry (src/core/commands/).
 */

import { langOfLocale, t } from '../core/catalog.ts';
import { type ChannelPorts, type Command, type CommandOf, type Precondition, parseCommand, preconditionsOf, runCommand } from '../core/commands/index.ts';
import type { Feud } from '../core/feud.ts';
import { cleanText } from '../core/normalise.ts';
import type { Lang, Reply } from '../core/reply.ts';
import * as texts from '../core/texts.ts';
import type { Logger } from '../log.ts';
import { isStoreError } from '../store/errors.ts';
import type { ChannelKey, ChannelStore, CurationEntry } from '../store/store.ts';
import type { WriteBehind } from '../store/write-behind.ts';
import type { Conversation, Incoming, Platform } from './incoming.ts';
import { compose, errorBoundary, type Step } from './pipeline.ts';
import { maskMentions } from './privacy.ts';
import { RecentAnswers } from './recent-answers.ts';
import { createSharedRateLimit, type SharedRateLimitDeps } from './shared-rate-limit.ts';

export interface ConversationLimits {
  /** Seconds a user waits between questions (0: no cooldown). */
  userCooldownSeconds: number;
  /** Answers a channel gets per minute (0: unlimited). */
  channelAnswersPerMinute: number;
  /** In listen mode, at most one unprompted answer per channel this often. */
  listenIntervalMinutes: number;
  maxQuestionLength: number;
  /** Listen mode answers only at or above this confidence. */
  listenConfidence: number;
  /** Store abstained questions for the curation loop. */
  logQuestions: boolean;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  userCooldownSeconds: 3,
  channelAnswersPerMinute: 20,
  listenIntervalMinutes: 10,
  maxQuestionLength: 500,
  listenConfidence: 0.75,
  logQuestions: true,
};

/** What the conversation reports for metrics; every field optional to implement. */
export interface ConversationEvents {
  question?(e: { platform: Platform; lang: Lang; answered: boolean; factId?: string; seconds: number }): void;
  /** Something failed that the bot survived: 'store' (a write lost), 'conversation' (a user got "something went wrong"). */
  error?(source: 'store' | 'conversation'): void;
}

/** `daily on|off|status`: lives with the scheduler, handed in so this module stays about talking. */
export type DailyCommandHandler = (command: CommandOf<'daily'>, msg: Incoming, lang: Lang) => Promise<Reply>;

export interface ConversationDeps {
  feud: Feud;
  /** Listen mode, read when needed. */
  store: ChannelStore;
  /** Answers, 👍/👎 and unanswered questions go here, to be written behind the reply. */
  curation: WriteBehind<CurationEntry>;
  /** Share cooldowns and channel caps with other instances through the store; memory only when absent. */
  sharedLimits?: SharedRateLimitDeps;
  logger: Logger;
  limits?: Partial<ConversationLimits>;
  clock?: { now(): number };
  daily?: DailyCommandHandler;
  events?: ConversationEvents;
}

/** One message on its way through the pipeline. */
interface Turn {
  msg: Incoming;
  /** The cleaned text of a typed message ('' for options and buttons). */
  text: string;
  lang: Lang;
  command: Command;
  channel: ChannelKey;
  started: number;
}

/** Looks like a question rather than chatter: used only in listen mode. */
const QUESTION_SHAPE =
  /[?？]\s*$|^(who|what|when|where|why|how|which|did|does|do|is|are|was|were|can|could|has|have)\b|(누가|누구|언제|어디|왜|뭐|무엇|무슨|어떻게|얼마|몇)|(까|니|냐|나요|가요|죠|지)\s*[?？]?\s*$/i;
const HANGUL = /[가-힣]/;
const LATIN = /[a-z]/i;

/**
 * The reply's language: Hangul in the words means Korean, Latin letters English; a Korean
 * client's locale decides only when the words say neither (a year, a typed option).
 */
async function languageOf(msg: Incoming, text: string): Promise<Lang> {
  const words = msg.via === 'button' ? (msg.label ?? '') : text;
  if (HANGUL.test(words)) return 'ko';
  if (LATIN.test(words)) return 'en';
  return langOfLocale(await msg.locale?.().catch(() => undefined));
}

export function createConversation(deps: ConversationDeps): Conversation {
  const { feud, store, logger } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clock = deps.clock ?? { now: () => Date.now() };
  const userCooldown = createSharedRateLimit('user-cooldown', 1, limits.userCooldownSeconds * 1000, deps.sharedLimits);
  const channelAnswers = createSharedRateLimit('channel-answers', limits.channelAnswersPerMinute, 60_000, deps.sharedLimits);
  const listenSpacing = createSharedRateLimit('listen-spacing', 1, limits.listenIntervalMinutes * 60_000, deps.sharedLimits);
  const channelKey = (c: ChannelKey) => `${c.platform}:${c.channelId}`;
  const recentAnswers = new RecentAnswers();
  const askerKey = (turn: Turn) => `${turn.msg.platform}:${turn.msg.channelId}:${turn.msg.userId}`;

  // ---- preconditions: each one answers (a refusal) or lets the command through --------------

  const PRECONDITIONS: Record<Precondition, (turn: Turn) => Promise<Reply | undefined>> = {
    async manager({ msg, lang }) {
      const allowed = msg.canManageChannel ? await msg.canManageChannel().catch(() => false) : false;
      return allowed ? undefined : texts.errorMessage(lang, 'error.managersOnly');
    },
    async throttle({ msg, lang, channel }) {
      // one person at their own terminal is not a shared channel
      if (msg.unthrottled) return undefined;
      const now = clock.now();
      const user = `${msg.platform}:${msg.userId}`;
      const userWait = await userCooldown.check(user, now);
      if (userWait > 0) return texts.info(lang, t(lang, 'rate.title'), t(lang, 'rate.user', { seconds: Math.ceil(userWait / 1000) }));
      const channelWait = await channelAnswers.check(channelKey(channel), now);
      if (channelWait > 0) return texts.info(lang, t(lang, 'rate.title'), t(lang, 'rate.channel', { seconds: Math.ceil(channelWait / 1000) }));
      userCooldown.take(user, now);
      channelAnswers.take(channelKey(channel), now);
      return undefined;
    },
  };

  // ---- the pipeline ------------------------------------------------------------------------

  type ConversationStep = Step<Turn, Reply | null>;

  /** A message longer than the cap gets a polite refusal; in listen mode, silence. */
  const lengthCap: ConversationStep = async (turn, next) => {
    if (turn.text.length <= limits.maxQuestionLength) return next();
    return turn.msg.via === 'listen' ? null : texts.tooLong(turn.lang, limits.maxQuestionLength);
  };

  /** Count an answer or abstention (stats, metrics) and keep abstained questions for curators: queued, written behind the reply. */
  const record: ConversationStep = async (turn, next) => {
    const reply = await next();
    const { msg, command } = turn;
    if (!reply || command.type !== 'ask' || (reply.kind !== 'answer' && reply.kind !== 'abstain')) return reply;
    const answered = reply.kind === 'answer';
    const at = clock.now();
    const workspace = msg.workspace ? { workspace: msg.workspace } : {};
    if (reply.kind === 'answer' && reply.fact) {
      deps.curation.add({ type: 'answer', factId: reply.fact.id, platform: msg.platform, at, ...workspace });
      recentAnswers.remember(askerKey(turn), reply.fact.id, at);
    }
    if (!answered && limits.logQuestions) {
      const kept = maskMentions(command.question);
      deps.curation.add({
        type: 'unanswered',
        question: {
          text: kept.slice(0, limits.maxQuestionLength),
          normalised: feud.normalisedForm(kept),
          lang: reply.lang,
          platform: msg.platform,
          at,
          ...workspace,
        },
      });
    }
    deps.events?.question?.({
      platform: msg.platform,
      lang: reply.lang,
      answered,
      ...(reply.fact ? { factId: reply.fact.id } : {}),
      seconds: (performance.now() - turn.started) / 1000,
    });
    return reply;
  };

  /** An opted-in channel: only confident answers to questions (never commands), at most once per interval. */
  const listenRules: ConversationStep = async (turn, next) => {
    if (turn.msg.via !== 'listen') return next();
    if (turn.command.type !== 'ask' || turn.text.length === 0 || !QUESTION_SHAPE.test(turn.text)) return null;
    if (!(await store.getSettings(turn.channel)).listen) return null;
    const key = channelKey(turn.channel);
    if ((await listenSpacing.check(key, clock.now())) > 0) return null;
    const reply = await next();
    if (reply?.kind !== 'answer' || (reply.confidence ?? 0) < limits.listenConfidence) return null;
    listenSpacing.take(key, clock.now());
    return reply;
  };

  /** The command's own checks, in order (listen mode has its own rules above). */
  const preconditions: ConversationStep = async (turn, next) => {
    if (turn.msg.via === 'listen') return next();
    for (const name of preconditionsOf(turn.command)) {
      const refusal = await PRECONDITIONS[name](turn);
      if (refusal) return refusal;
    }
    return next();
  };

  const channelPorts = (turn: Turn): ChannelPorts => ({
    setListen: async (on) => store.setListen(turn.channel, on),
    listenIntervalMinutes: limits.listenIntervalMinutes,
    ...(deps.daily ? { daily: (command: CommandOf<'daily'>) => deps.daily!(command, turn.msg, turn.lang) } : {}),
  });

  const run = errorBoundary<Turn, Reply | null>(
    compose([lengthCap, record, listenRules, preconditions], (turn) => {
      const previousFactId = turn.command.type === 'ask' ? recentAnswers.recall(askerKey(turn), clock.now()) : undefined;
      return runCommand(turn.command, { feud, lang: turn.lang, channel: channelPorts(turn), ...(previousFactId ? { previousFactId } : {}) });
    }),
    (err, turn) => {
      const silent = turn.msg.via === 'listen';
      if (isStoreError(err)) {
        deps.events?.error?.('store');
        logger.error(
          { err: err.message, kind: err.kind, platform: turn.msg.platform },
          err.kind === 'full' ? 'the disk is full: a setting could not be saved' : 'the store failed a request',
        );
        return silent ? null : texts.errorMessage(turn.lang, err.kind === 'full' ? 'error.storeFull' : 'error.storeDown');
      }
      deps.events?.error?.('conversation');
      logger.error({ err, platform: turn.msg.platform }, 'failed to handle a message');
      return silent ? null : texts.errorMessage(turn.lang, 'error.failed');
    },
  );

  /** What the adapter handed over, as a Turn: a typed message is parsed, an option or a click already is. */
  async function turnOf(msg: Incoming): Promise<Turn> {
    const started = performance.now();
    const text = msg.via === 'option' || msg.via === 'button' ? '' : cleanText(msg.text);
    const command: Command = msg.via === 'option' ? msg.command : msg.via === 'button' ? { type: 'show', factId: msg.factId } : parseCommand(text);
    const lang = await languageOf(msg, text);
    return { msg, text, lang, command, channel: { platform: msg.platform, channelId: msg.channelId }, started };
  }

  return {
    async handle(msg) {
      let turn: Turn;
      try {
        turn = await turnOf(msg);
      } catch (err) {
        deps.events?.error?.('conversation');
        logger.error({ err, platform: msg.platform }, 'failed to read a message');
        return msg.via === 'listen' ? null : texts.errorMessage('en', 'error.failed');
      }
      return run(turn);
    },
    autocomplete({ typed, locale, limit = 25 }) {
      const hangul = feud.detectLang(typed) === 'ko';
      const lang: Lang = hangul ? 'ko' : langOfLocale(locale);
      const suggestions = feud.suggest(typed, lang, limit);
      // a Korean-locale user typing English words still gets English questions
      if (suggestions.length === 0 && lang === 'ko' && !hangul && LATIN.test(typed)) return feud.suggest(typed, 'en', limit);
      return suggestions;
    },
    feedback(factId, helpful, platform, workspace) {
      if (!feud.factIds().includes(factId)) return;
      deps.curation.add({ type: 'feedback', factId, helpful, platform, at: clock.now(), ...(workspace ? { workspace } : {}) });
    },
  };
}
