import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import * as z from 'zod';
import { ADAPTERS, type RegisteredAdapter } from '../adapters/index.ts';
import type { AdapterDeps, AdapterDescriptor, ChatAdapter } from './bot/adapter.ts';
import { environment, loadDotEnv } from './env.ts';
import { blankToUndefined, bool, ConfigError, excerpt, optionalString, port, wholeNumber } from './env-fields.ts';

export { ConfigError, excerpt, loadDotEnv };

/** Longest path most file systems take (PATH_MAX), and the longest single name (NAME_MAX). */
const PATH_MAX = 4096;
const NAME_MAX = 255;
const filePath = (what: string) =>
  z.string().superRefine((path, ctx) => {
    const reason = path.includes('\0')
      ? 'contains a NUL character'
      : path.length > PATH_MAX
        ? `is longer than ${PATH_MAX.toLocaleString('en-US')} characters`
        : path.split(/[\\/]/).some((part) => Buffer.byteLength(part) > NAME_MAX)
          ? `has a folder or file name longer than ${NAME_MAX} bytes`
          : undefined;
    if (reason) ctx.addIssue({ code: 'custom', message: `expected ${what}; ${excerpt(path)} ${reason}` });
  });
/** An IP address or a host name (RFC 1123 labels): `-1` or `http://…` is neither. */
const HOST_NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i;
const isHost = (host: string) => isIP(host) !== 0 || HOST_NAME.test(host);
const metricsHost = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('0.0.0.0')
    .superRefine((host, ctx) => {
      if (!isHost(host)) ctx.addIssue({ code: 'custom', message: `expected an address to listen on, such as 0.0.0.0 or 127.0.0.1; got ${excerpt(host)}` });
    }),
);
const knowledgeDir = z.preprocess(
  blankToUndefined,
  filePath('a folder of *.json fact files')
    .superRefine((dir, ctx) => {
      const problem = folderProblem(dir);
      if (problem) ctx.addIssue({ code: 'custom', message: `expected a folder of *.json fact files; ${excerpt(dir)} ${problem}` });
    })
    .optional(),
);
/** The variables every bot reads, whatever the platform. Each adapter adds its own (adapters/<name>/index.ts). */
const CORE_ENV = {
  METRICS_PORT: port(),
  METRICS_HOST: metricsHost,
  FEUD_DB_PATH: z.preprocess(blankToUndefined, filePath('a path to the SQLite file, such as ./data/feud.db').default('./data/feud.db')),
  DATABASE_URL: optionalString(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a PostgreSQL URL such as postgres://user:password@host:5432/feud')),
  FEUD_DB_POOL_SIZE: z.preprocess(
    blankToUndefined,
    z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').max(100, 'expected at most 100').default(10),
  ),
  FEUD_DAILY_LEASE_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').default(120),
  ),
  FEUD_DAILY_TICK_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 to 60').max(60, 'expected 1 to 60').default(60),
  ),
  FEUD_KNOWLEDGE_DIR: knowledgeDir,
  FEUD_DEFAULT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Asia/Seoul')
      .refine((tz) => isTimeZone(tz), 'expected an IANA time zone such as Asia/Seoul or America/New_York'),
  ),
  FEUD_LOG_QUESTIONS: bool(true),
  // 0 turns these two off (documented)
  FEUD_USER_COOLDOWN_SECONDS: wholeNumber(3, 0, 86_400, 'seconds'),
  FEUD_CHANNEL_ANSWERS_PER_MINUTE: wholeNumber(20, 0, 10_000, 'answers'),
  // 0 would make listen mode answer every message: no spacing at all
  FEUD_LISTEN_INTERVAL_MINUTES: wholeNumber(10, 1, 10_080, 'minutes'),
  // 0 would refuse every question; Discord's longest message is 2,000 characters
  FEUD_MAX_QUESTION_LENGTH: wholeNumber(500, 1, 2000, 'characters'),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'expected one of fatal, error, warn, info, debug, trace, silent').default('info'),
  ),
};

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type AdapterEnv = UnionToIntersection<RegisteredAdapter['env']>;

/** Every variable the bot reads: adapters first (in the registry's order), then the core's. */
const EnvSchema = z.object({ ...(Object.assign({}, ...ADAPTERS.map((a) => a.env)) as AdapterEnv), ...CORE_ENV });

/** The names of every variable read, for .env.example's check. */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

type SectionOf<D> = D extends AdapterDescriptor<string, z.core.$ZodShape, infer C> ? C : never;
/** Each configured adapter's section, under its name: `config.discord`, `config.slack`. */
export type AdapterSections = { [D in RegisteredAdapter as D['name']]?: SectionOf<D> };

export type Config = z.infer<typeof EnvSchema> & AdapterSections;

/** An adapter to start, its configuration bound. */
export interface ConfiguredAdapter {
  name: string;
  create(deps: Omit<AdapterDeps<unknown>, 'config'>): Promise<ChatAdapter>;
}

/** Every platform the variables turn on, in the registry's order; the fallback (the console) when none is. */
export function configuredAdapters(config: Config): ConfiguredAdapter[] {
  const sections = config as Record<string, unknown>;
  const on = ADAPTERS.filter((a) => !a.fallback && sections[a.name] !== undefined);
  return (on.length > 0 ? on : ADAPTERS.filter((a) => a.fallback)).map((a) => {
    // each descriptor's create takes the section its own configure made
    const create = a.create as (deps: AdapterDeps<unknown>) => Promise<ChatAdapter>;
    return { name: a.name, create: (deps) => create({ ...deps, config: sections[a.name] ?? {} }) };
  });
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why `dir` cannot be the fact folder, or undefined when it can be. */
function folderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'is not a folder';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
  }
}

/** Parse the environment. Throws ConfigError with one line per wrong variable, each naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = environment()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // the first problem of each variable, in the schema's order
    const lines = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      if (!lines.has(name)) lines.set(name, `${name}: ${issue.message}`);
    }
    throw new ConfigError([...lines.values()]);
  }
  const config: Config = { ...parsed.data };
  for (const adapter of ADAPTERS) {
    const section = (adapter.configure as (env: typeof parsed.data) => unknown)(parsed.data);
    if (section !== undefined && !adapter.fallback) (config as Record<string, unknown>)[adapter.name] = section;
  }
  return config;
}

/** The lines to print for a configuration error: `<program>: configuration error: …`, one per variable. */
export function configErrorLines(program: string, err: unknown): string[] {
  const lines = err instanceof ConfigError ? err.lines : [(err as Error).message];
  return lines.map((line) => `${program}: configuration error: ${line}`);
}

/** `.env` then the environment, parsed; each bad value prints one line `<program>: configuration error: …`, then exit 1. */
export function loadConfigOrExit(program: string): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    for (const line of configErrorLines(program, err)) console.error(line);
    process.exit(1);
  }
}
