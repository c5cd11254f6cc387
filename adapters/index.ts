/**
 * Every chat platform the bot can run on, one line each. main.ts starts the configured ones,
 * config.ts reads their variables, log.ts hides their secrets and the grounding check fits the
 * facts to their limits, all from this list. A new platform is a folder and a line here.
 */
import { consoleAdapter } from './console/index.ts';
import { discord } from './discord/index.ts';
import { slack } from './slack/index.ts';
import { telegram } from './telegram/index.ts';

export const ADAPTERS = [discord, slack, telegram, consoleAdapter] as const;

export type RegisteredAdapter = (typeof ADAPTERS)[number];
/** 'discord' | 'slack' | … : the platforms, as the registry names them. */
export type AdapterName = RegisteredAdapter['name'];
