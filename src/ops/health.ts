import type { ChatAdapter } from '../bot/adapter.ts';
import type { HealthStatus } from './server.ts';

/**
 * What /healthz reports: healthy only while the store is open and reachable and every adapter is connected
 * and has no problem it knows of (a revoked token fails every post while the connection stays up).
 */
export function healthOf(
  store: { isHealthy(): boolean },
  adapters: readonly Pick<ChatAdapter, 'platform' | 'isConnected' | 'problem' | 'shards'>[],
): HealthStatus {
  const status: HealthStatus = { store: store.isHealthy(), adapters: {} };
  const problems: Record<string, string> = {};
  for (const adapter of adapters) {
    const problem = adapter.problem?.() ?? (adapter.isConnected() ? undefined : 'not connected');
    status.adapters[adapter.platform] = problem === undefined;
    if (problem !== undefined) problems[adapter.platform] = problem;
    const shards = adapter.shards?.();
    if (shards && shards.length > 0) {
      status.shards ??= {};
      status.shards[adapter.platform] = Object.fromEntries(
        shards.map((s) => [String(s.id), { status: s.status, guilds: s.guilds, ...(s.latencyMs !== undefined ? { latencyMs: s.latencyMs } : {}) }]),
      );
    }
  }
  if (!status.store) problems.store = 'the database is closed or unreachable';
  return Object.keys(problems).length > 0 ? { ...status, problems } : status;
}
