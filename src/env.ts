/**
 * The process's environment, read here and nowhere else: src/config.ts parses it into typed
 * configuration, and a light entry point (the CLI's `ask`) reads the one variable it needs without
 * loading the configuration schema and the adapters' registry (about 0.1 s of start-up).
 */
import { existsSync } from 'node:fs';

/** The environment variables, as the process got them (and .env added, once loadDotEnv ran). */
export function environment(): NodeJS.ProcessEnv {
  return process.env;
}

/** The fact folder FEUD_KNOWLEDGE_DIR names; undefined when unset or blank (the built-in one). */
export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv = environment()): string | undefined {
  const dir = env.FEUD_KNOWLEDGE_DIR;
  return dir === undefined || dir.trim() === '' ? undefined : dir;
}

/**
 * Read a .env file into the environment when present; real environment variables win.
 * FEUD_ENV_FILE names another file, or none when set empty (tests, so a developer's own .env is never read).
 */
export function loadDotEnv(path = environment().FEUD_ENV_FILE ?? '.env'): void {
  if (path !== '' && existsSync(path)) process.loadEnvFile(path);
}
