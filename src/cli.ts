/**
 * `npm run feud -- <command>`: the bot's core from a terminal, for curators and scripts.
 *   ask [--json] [question…]   answer one question, or one per stdin line (JSON lines with --json);
 *                              the chat grammar applies: "timeline 2024", "about", "출처", "help" work as in chat
 *   unanswered [--since 7d] [--top 20]   questions the bot could not answer, grouped
 *   stats                      answers, abstentions and helpfulness per fact
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseCommand, runCommand } from './core/commands/index.ts';
import { createFeud, type Feud } from './core/feud.ts';
import { renderText } from './core/render-text.ts';
import type { Reply } from './core/reply.ts';
import { knowledgeDirFromEnv } from './env.ts';
import { loadKnowledgeForStart } from './knowledge/prepared.ts';

const USAGE = `usage: npm run feud -- ask [--json] [question]
       npm run feud -- unanswered [--since 7d] [--top 20]
       npm run feud -- stats`;

export function replyJson(question: string, reply: Reply): string {
  return JSON.stringify({
    question,
    answered: reply.kind === 'answer',
    text: renderText(reply),
    factId: reply.fact?.id ?? null,
    confidence: reply.confidence ?? 0,
    lang: reply.lang,
    alternatives: reply.alternatives.map((a) => ({ factId: a.factId, question: a.question })),
  });
}

async function ask(feud: Feud, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const print = async (question: string) => {
    const reply = await replyTo(feud, question);
    process.stdout.write(values.json ? `${replyJson(question, reply)}\n` : `${renderText(reply)}\n\n`);
  };
  if (positionals.length > 0) {
    await print(positionals.join(' '));
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') await print(line);
  return 0;
}

/** The same command grammar as every chat adapter; a channel's settings (daily, listen) need a channel, which the CLI has not. */
export function replyTo(feud: Feud, text: string): Promise<Reply> {
  return runCommand(parseCommand(text), { feud, lang: feud.detectLang(text) });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'ask') {
    const { facts, topic, reading } = loadKnowledgeForStart(knowledgeDirFromEnv());
    return ask(createFeud(facts, { topic, reading }), rest);
  }
  if (command === 'unanswered' || command === 'stats') {
    const { curationReport } = await import('./curation.ts');
    return curationReport(command, rest);
  }
  console.error(command ? `feud: unknown command "${command}"\n${USAGE}` : USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`feud: ${err.message}`);
    process.exitCode = 1;
  },
);
