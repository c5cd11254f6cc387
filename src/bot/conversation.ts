import type { Logger } from '../log.ts';
import { parseCommand, type Command } from '../core/commands.ts';
import { t } from '../core/catalog.ts';
import type { Feud } from '../core/feud.ts';
import { cleanText } from '../core/normalise.ts';
import type { Lang, Reply } from '../core/reply.ts';
import * as texts from '../core/texts.ts';
import { isStoreError } from '../store/errors.ts';
import type { ChannelKey, ChannelStore, CurationEntry } from '../store/store.ts';
import type { WriteBehind } from '../store/write-behind.ts';
import type { Conversation, Incoming, Platform } from './incoming.ts';
import { maskMentions } from './privacy.ts';
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
export type DailyCommandHandler = (command: Extract<Command, { type: 'daily' }>, msg: Incoming, lang: Lang) => Promise<Reply>;

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

/** Looks like a question rather than chatter: used only in listen mode. */
const QUESTION_SHAPE =
  /[?？]\s*$|^(who|what|when|where|why|how|which|did|does|do|is|are|was|were|can|could|has|have)\b|(누가|누구|언제|어디|왜|뭐|무엇|무슨|어떻게|얼마|몇)|(까|니|냐|나요|가요|죠|지)\s*[?？]?\s*$/i;

export function createConversation(deps: ConversationDeps): Conversation {
  const { feud, store, logger } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clock = deps.clock ?? { now: () => Date.now() };
  const userCooldown = createSharedRateLimit('user-cooldown', 1, limits.userCooldownSeconds * 1000, deps.sharedLimits);
  const channelAnswers = createSharedRateLimit('channel-answers', limits.channelAnswersPerMinute, 60_000, deps.sharedLimits);
  const listenSpacing = createSharedRateLimit('listen-spacing', 1, limits.listenIntervalMinutes * 60_000, deps.sharedLimits);

  /** Hangul means Korean; a Korean client's locale decides only when no words say otherwise. */
  const langOf = (msg: Incoming, text: string): Lang =>
    /[가-힣]/.test(text) || (msg.locale?.toLowerCase().startsWith('ko') && !/[a-z]/i.test(text)) ? 'ko' : 'en';

  const requireManager = async (msg: Incoming, lang: Lang): Promise<Reply | undefined> => {
    const allowed = msg.canManageChannel ? await msg.canManageChannel().catch(() => false) : false;
    if (allowed) return undefined;
    return texts.errorMessage(lang, 'error.managersOnly');
  };

  /** Count an answer or abstention (stats, metrics) and keep abstained questions for curators: queued, written behind the reply. */
  const record = (msg: Incoming, question: string, reply: Reply, started: number): void => {
    const answered = reply.kind === 'answer';
    const at = clock.now();
    const workspace = msg.workspace ? { workspace: msg.workspace } : {};
    if (answered && reply.fact) deps.curation.add({ type: 'answer', factId: reply.fact.id, platform: msg.platform, at, ...workspace });
    if (!answered && limits.logQuestions) {
      const kept = maskMentions(question);
      deps.curation.add({
        type: 'unanswered',
        question: { text: kept.slice(0, limits.maxQuestionLength), normalised: feud.normalisedForm(kept), lang: reply.lang, platform: msg.platform, at, ...workspace },
      });
    }
    deps.events?.question?.({ platform: msg.platform, lang: reply.lang, answered, ...(reply.fact ? { factId: reply.fact.id } : {}), seconds: (performance.now() - started) / 1000 });
  };

  const answer = (msg: Incoming, question: string, started: number): Reply => {
    const reply = feud.ask(question);
    record(msg, question, reply, started);
    return reply;
  };

  const limited = async (msg: Incoming, lang: Lang): Promise<Reply | undefined> => {
    // the console is one local person, not a shared channel
    if (msg.platform === 'console') return undefined;
    const now = clock.now();
    const key = `${msg.platform}:${msg.channelId}`;
    const userWait = await userCooldown.check(`${msg.platform}:${msg.userId}`, now);
    if (userWait > 0) {
      return texts.info(lang, t(lang, 'rate.title'), t(lang, 'rate.user', { seconds: Math.ceil(userWait / 1000) }));
    }
    const channelWait = await channelAnswers.check(key, now);
    if (channelWait > 0) {
      return texts.info(lang, t(lang, 'rate.title'), t(lang, 'rate.channel', { seconds: Math.ceil(channelWait / 1000) }));
    }
    userCooldown.take(`${msg.platform}:${msg.userId}`, now);
    channelAnswers.take(key, now);
    return undefined;
  };

  async function handle(msg: Incoming): Promise<Reply | null> {
    const started = performance.now();
    const text = cleanText(msg.text);
    const lang = langOf(msg, text);
    const channel: ChannelKey = { platform: msg.platform, channelId: msg.channelId };

    if (msg.via === 'listen') return listen(msg, text, channel, started);
    if (text.length > limits.maxQuestionLength) return texts.tooLong(lang, limits.maxQuestionLength);

    if (msg.via === 'button') {
      const buttonLang: Lang = msg.locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
      return feud.answerFact(text, buttonLang) ?? texts.errorMessage(buttonLang, 'error.factGone');
    }

    const command = parseCommand(text);
    switch (command.type) {
      case 'help':
      case 'about':
      case 'usage':
        return feud.respond(command, lang);
      case 'fact':
      case 'timeline':
        return (await limited(msg, lang)) ?? feud.respond(command, lang);
      case 'listen': {
        const denied = await requireManager(msg, lang);
        if (denied) return denied;
        await store.setListen(channel, command.on);
        return texts.info(lang, t(lang, 'listen.title'), command.on ? t(lang, 'listen.on', { minutes: limits.listenIntervalMinutes }) : t(lang, 'listen.off'));
      }
      case 'daily': {
        if (command.action !== 'status') {
          const denied = await requireManager(msg, lang);
          if (denied) return denied;
        }
        if (!deps.daily) return texts.errorMessage(lang, 'daily.unavailable');
        return deps.daily(command, msg, lang);
      }
      case 'ask': {
        if (command.question === '') return texts.emptyQuestion(lang);
        return (await limited(msg, lang)) ?? answer(msg, command.question, started);
      }
    }
  }

  /** An opted-in channel: answer only confident questions, at most once per interval, never commands. */
  async function listen(msg: Incoming, text: string, channel: ChannelKey, started: number): Promise<Reply | null> {
    if (text.length === 0 || text.length > limits.maxQuestionLength || !QUESTION_SHAPE.test(text)) return null;
    if (!(await store.getSettings(channel)).listen) return null;
    const key = `${channel.platform}:${channel.channelId}`;
    const now = clock.now();
    if ((await listenSpacing.check(key, now)) > 0) return null;
    const reply = feud.ask(text);
    if (reply.kind !== 'answer' || (reply.confidence ?? 0) < limits.listenConfidence) return null;
    listenSpacing.take(key, now);
    record(msg, text, reply, started);
    return reply;
  }

  return {
    async handle(msg) {
      try {
        return await handle(msg);
      } catch (err) {
        const lang: Lang = /[가-힣]/.test(msg.text) ? 'ko' : 'en';
        if (isStoreError(err)) {
          deps.events?.error?.('store');
          logger.error({ err: err.message, kind: err.kind, platform: msg.platform }, err.kind === 'full' ? 'the disk is full: a setting could not be saved' : 'the store failed a request');
          return msg.via === 'listen' ? null : texts.errorMessage(lang, err.kind === 'full' ? 'error.storeFull' : 'error.storeDown');
        }
        deps.events?.error?.('conversation');
        logger.error({ err, platform: msg.platform }, 'failed to handle a message');
        return msg.via === 'listen' ? null : texts.errorMessage(lang, 'error.failed');
      }
    },
    autocomplete: (typed, lang, limit = 25) => feud.suggest(typed, lang, limit),
    feedback(factId, helpful, platform, workspace) {
      if (!feud.factIds().includes(factId)) return;
      deps.curation.add({ type: 'feedback', factId, helpful, platform, at: clock.now(), ...(workspace ? { workspace } : {}) });
    },
  };
}
