/**
 * The composition root: config → knowledge → core → store → conversation → adapters → scheduler.
 * With no platform tokens it opens the terminal console on the built-in fact base.
 */
import type { ChatAdapter } from './bot/adapter.ts';
import { createConversation } from './bot/conversation.ts';
import { createSeenEvents } from './bot/seen-events.ts';
import { configuredAdapters, excerpt, loadConfigOrExit } from './config.ts';
import { createFeud } from './core/feud.ts';
import { KnowledgeError } from './knowledge/load.ts';
import { type Knowledge, loadKnowledgeForStart } from './knowledge/prepared.ts';
import { TopicError } from './knowledge/topic.ts';
import { createLogger, type Logger } from './log.ts';
import { healthOf } from './ops/health.ts';
import type { Metrics } from './ops/metrics.ts';
import type { OpsServer } from './ops/server.ts';
import { createDailyCommandHandler } from './schedule/daily-commands.ts';
import { createDailyScheduler } from './schedule/daily-scheduler.ts';
import { openConfiguredStore } from './store/open.ts';
import type { CurationEntry, RateHit, Store } from './store/store.ts';
import { createWriteBehind, type WriteBehind } from './store/write-behind.ts';

const SHUTDOWN_DEADLINE_MS = 4500;

async function main(): Promise<void> {
  const config = loadConfigOrExit('feud-bot');
  const logger = createLogger(config.LOG_LEVEL);
  let store: Store | undefined;
  try {
    const { facts, topic, reading } = loadKnowledge(config.FEUD_KNOWLEDGE_DIR);
    const feud = createFeud(facts, { topic, reading, maxQuestionChars: config.FEUD_MAX_QUESTION_LENGTH });
    store = await openConfiguredStore(config, { logger: logger.child({ component: 'store' }) });
    const openedStore = store;
    // prom-client costs about 60 ms and 12 MB at start: only a bot that serves /metrics loads it
    const metrics = config.METRICS_PORT ? (await import('./ops/metrics.ts')).createMetrics() : undefined;
    const storeErrors = () => metrics?.errors.inc({ source: 'store' });
    // bookkeeping is written behind the replies: a locked or slow database never holds up an answer
    const curation: WriteBehind<CurationEntry> = createWriteBehind({
      name: 'curation entries',
      write: (batch) => openedStore.recordCuration(batch),
      logger,
      onError: storeErrors,
    });
    const rateHits: WriteBehind<RateHit> = createWriteBehind({
      name: 'rate-limit counts',
      write: (batch) => openedStore.addRateHits(batch),
      logger,
      onError: storeErrors,
    });
    // Slack retries and replays are recognised by every instance on the store
    const seen = createSeenEvents(openedStore, { logger });
    const conversation = createConversation({
      feud,
      store: openedStore,
      curation,
      sharedLimits: { store: openedStore, hits: rateHits, salt: openedStore.keySalt, logger },
      logger,
      limits: {
        userCooldownSeconds: config.FEUD_USER_COOLDOWN_SECONDS,
        channelAnswersPerMinute: config.FEUD_CHANNEL_ANSWERS_PER_MINUTE,
        listenIntervalMinutes: config.FEUD_LISTEN_INTERVAL_MINUTES,
        maxQuestionLength: config.FEUD_MAX_QUESTION_LENGTH,
        logQuestions: config.FEUD_LOG_QUESTIONS,
      },
      daily: createDailyCommandHandler({ store: openedStore, defaultTimeZone: config.FEUD_DEFAULT_TIMEZONE }),
      events: metrics?.conversationEvents,
    });

    const adapters: ChatAdapter[] = [];
    for (const adapter of configuredAdapters(config)) {
      const created = await adapter.create({
        conversation,
        logger: logger.child({ platform: adapter.name }),
        defaultTimeZone: config.FEUD_DEFAULT_TIMEZONE,
        seen,
        // installations in many workspaces (Slack's install flow) live in the store
        installations: openedStore,
        ...(metrics ? { errors: metrics.errors, shardEvents: metrics.shardEvents } : {}),
      });
      const shards = created.shards?.bind(created);
      if (shards) metrics?.observeShards(created.platform, shards);
      adapters.push(created);
    }

    const byPlatform = new Map(adapters.map((a) => [a.platform, a]));
    const scheduler = createDailyScheduler({
      store: openedStore,
      feud,
      logger: logger.child({ component: 'daily' }),
      clock: { now: () => Date.now() },
      events: metrics?.dailyEvents,
      leaseMs: config.FEUD_DAILY_LEASE_SECONDS * 1000,
      tickSeconds: config.FEUD_DAILY_TICK_SECONDS,
      platforms: adapters.map((a) => a.platform),
      partitions: Object.fromEntries(adapters.flatMap((a) => (a.partitions ? [[a.platform, a.partitions]] : []))),
      post: async (channel, reply) => {
        const adapter = byPlatform.get(channel.platform);
        if (!adapter) throw new Error(`no ${channel.platform} adapter is running`);
        await adapter.postToChannel(channel.channelId, reply);
      },
    });

    for (const adapter of adapters) await adapter.start();
    scheduler.start();
    let ops: OpsServer | undefined;
    if (config.METRICS_PORT && metrics) {
      const { startOpsServer } = await import('./ops/server.ts');
      ops = await startOpsServer({
        port: config.METRICS_PORT,
        host: config.METRICS_HOST,
        metrics,
        health: () => healthOf(openedStore, adapters),
      });
      logger.info({ port: ops.port }, 'health and metrics at /healthz and /metrics');
    }
    logger.info({ adapters: adapters.map((a) => a.platform), facts: facts.length }, 'feud-bot started');

    let stopping = false;
    const shutdown = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ reason }, 'shutting down');
      const force = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      force.unref();
      await scheduler.stop().catch((err: unknown) => logger.error({ err }, 'scheduler stop failed'));
      await Promise.all(adapters.map((a) => a.stop().catch((err: unknown) => logger.error({ err, platform: a.platform }, 'adapter stop failed'))));
      await ops?.close().catch(() => undefined);
      // what is still queued goes to the database before it closes
      await Promise.all([curation.close(1000), rateHits.close(1000)]);
      await openedStore.close().catch((err: unknown) => logger.error({ err }, 'store close failed'));
      clearTimeout(force);
      logger.flush?.();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    for (const adapter of adapters) void adapter.ended?.then(() => shutdown('end of input'));
    installCrashGuards(logger, metrics?.errors);
  } catch (err) {
    await store?.close().catch(() => undefined);
    if (err instanceof KnowledgeError) {
      console.error(`feud-bot: fact base error: ${err.message}`);
    } else {
      // a message may carry a value from the environment: never print more than a line of it
      console.error(`feud-bot: could not start: ${oneLine((err as Error).message)}`);
      logger.debug({ err }, 'startup failure');
    }
    process.exit(1);
  }
}

/** The fact base; a folder that cannot be read is named by its variable (the loader's own errors name the file). */
function loadKnowledge(dir: string | undefined): Knowledge {
  try {
    return loadKnowledgeForStart(dir);
  } catch (err) {
    if (err instanceof KnowledgeError || err instanceof TopicError || dir === undefined) throw err;
    throw new Error(`FEUD_KNOWLEDGE_DIR: could not read the folder ${excerpt(dir)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

const oneLine = (text: string, max = 300) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (cut; ${flat.length.toLocaleString('en-US')} characters)` : flat;
};

/** A chat bot should outlive one bad event: log, count, keep running. */
function installCrashGuards(logger: Logger, errors: Metrics['errors'] | undefined): void {
  process.on('unhandledRejection', (reason) => {
    errors?.inc({ source: 'unhandled-rejection' });
    logger.error({ err: reason }, 'unhandled rejection');
  });
  process.on('uncaughtException', (err) => {
    errors?.inc({ source: 'uncaught-exception' });
    logger.error({ err }, 'uncaught exception');
  });
}

void main();
