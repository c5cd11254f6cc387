// biome-ignore-all lint/suspicious/noExplicitAny: the manifest is read as untyped YAML and probed by path
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../adapters/slack/scopes.ts';
import { INSTALL_PATH, REDIRECT_PATH } from '../../adapters/slack/transport.ts';

/**
 * The manifest is what an admin pastes into Slack; if it misses a scope or an event, a feature
 * silently never fires. No YAML parser is installed, so this reads the simple block style the
 * file is written in (keys, nested keys, "- item" lists, no flow collections or anchors).
 */
const manifest = readFileSync('adapters/slack/manifest.yml', 'utf8');

type Node = string | boolean | number | Node[] | { [key: string]: Node };

function parseSimpleYaml(text: string): Node {
  const lines = text
    .split('\n')
    .map((raw, i) => ({ raw, n: i + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.trimStart().startsWith('#'))
    .map(({ raw, n }) => {
      if (/\t/.test(raw)) throw new Error(`line ${n}: tab in indentation`);
      return { indent: raw.length - raw.trimStart().length, text: raw.trim(), n };
    });
  let i = 0;
  const scalar = (s: string): Node => {
    const v = s.replace(/\s+#.*$/, '');
    if (/^".*"$/.test(v)) return JSON.parse(v) as string;
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^\d+$/.test(v)) return Number(v);
    if (/^[[{&*!|>]/.test(v)) throw new Error(`unsupported YAML: ${v}`);
    return v;
  };
  const block = (indent: number): Node => {
    const first = lines[i]!;
    if (first.text.startsWith('- ')) {
      const list: Node[] = [];
      while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
        const item = lines[i]!.text.slice(2);
        const pair = /^([\w.-]+):(?:\s+(.*))?$/.exec(item);
        if (pair && !item.startsWith('"')) {
          // "- key: value" starts a map whose other keys sit two columns further in
          lines[i] = { ...lines[i]!, indent: indent + 2, text: item };
          list.push(block(indent + 2));
        } else {
          list.push(scalar(item));
          i++;
        }
      }
      return list;
    }
    const map: Record<string, Node> = {};
    while (i < lines.length && lines[i]!.indent === indent) {
      const { text: line, n } = lines[i]!;
      const pair = /^([\w.-]+):(?:\s+(.*))?$/.exec(line);
      if (!pair) throw new Error(`line ${n}: expected "key: value", got ${line}`);
      i++;
      if (pair[2] !== undefined && pair[2] !== '') map[pair[1]!] = scalar(pair[2]);
      else if (i < lines.length && lines[i]!.indent > indent) map[pair[1]!] = block(lines[i]!.indent);
      else throw new Error(`line ${n}: "${pair[1]}" has no value`);
    }
    if (i < lines.length && lines[i]!.indent > indent) throw new Error(`line ${lines[i]!.n}: unexpected indentation`);
    return map;
  };
  const root = block(0);
  if (i !== lines.length) throw new Error(`line ${lines[i]!.n}: not parsed`);
  return root;
}

describe('Slack app manifest', () => {
  const m = parseSimpleYaml(manifest) as Record<string, any>;

  it('names the app and its bot "Feud Bot"', () => {
    expect(m.display_information.name).toBe('Feud Bot');
    expect(m.features.bot_user.display_name).toBe('Feud Bot');
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('registers /feud with a usage hint, without Slack rewriting what users type', () => {
    expect(m.features.slash_commands).toEqual([expect.objectContaining({ command: '/feud', should_escape: false })]);
    expect(m.features.slash_commands[0].usage_hint).toMatch(/who founded OpenAI/);
    expect(m.features.slash_commands[0].description.length).toBeLessThanOrEqual(100);
  });

  it('asks for exactly the scopes the adapter uses', () => {
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'users:read']);
  });

  it('subscribes to mentions and channel messages, with buttons and Socket Mode on', () => {
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(['app_mention', 'message.channels', 'message.groups']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(true);
  });
});

describe('Slack app manifest for a public app (installed through OAuth)', () => {
  const one = parseSimpleYaml(manifest) as Record<string, any>;
  const m = parseSimpleYaml(readFileSync('adapters/slack/manifest-public.yml', 'utf8')) as Record<string, any>;

  it('asks for the same scopes as the one-workspace app, which are what the install link asks for', () => {
    expect(m.oauth_config.scopes.bot).toEqual(one.oauth_config.scopes.bot);
    expect([...BOT_SCOPES]).toEqual(m.oauth_config.scopes.bot);
  });

  it('names the redirect URL the bot serves, and Request URLs at /slack/events (HTTP mode, as a Marketplace listing needs)', () => {
    expect(m.oauth_config.redirect_urls).toEqual([`https://feud-bot.example.com${REDIRECT_PATH}`]);
    expect(m.settings.socket_mode_enabled).toBe(false);
    for (const url of [m.features.slash_commands[0].url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url])
      expect(url).toBe('https://feud-bot.example.com/slack/events');
    expect(INSTALL_PATH).toBe('/slack/install');
  });

  it('hears the same events, and when a workspace uninstalls the app or revokes its token', () => {
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...one.settings.event_subscriptions.bot_events, 'app_uninstalled', 'tokens_revoked'].sort(),
    );
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/feud', should_escape: false, usage_hint: one.features.slash_commands[0].usage_hint });
  });
});
