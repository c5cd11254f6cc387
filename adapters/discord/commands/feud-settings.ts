import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { localeLang, type DiscordContext } from '../context.ts';

const ON_OFF = [
  { name: 'on', name_localizations: { ko: '켜기' }, value: 'on' },
  { name: 'off', name_localizations: { ko: '끄기' }, value: 'off' },
];

export const definition = {
  name: 'feud-settings',
  description: "This channel's feud bot settings: listen mode and the daily fact",
  description_localizations: { ko: '이 채널의 퓨드봇 설정: 듣기 모드와 매일 팩트' },
  // only members who can manage channels see it; the conversation checks again per channel
  default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
  dm_permission: false,
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'listen',
      name_localizations: { ko: '듣기' },
      description: 'Answer questions asked in this channel without a mention',
      description_localizations: { ko: '멘션 없이도 이 채널의 질문에 답하기' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'mode',
          name_localizations: { ko: '모드' },
          description: 'on or off',
          description_localizations: { ko: '켜기 또는 끄기' },
          required: true,
          choices: ON_OFF,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'daily',
      name_localizations: { ko: '매일' },
      description: 'A feud fact posted in this channel every day',
      description_localizations: { ko: '매일 이 채널에 팩트 하나 올리기' },
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'on',
          name_localizations: { ko: '켜기' },
          description: 'Post a fact here every day',
          description_localizations: { ko: '매일 여기에 팩트 올리기' },
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'time',
              name_localizations: { ko: '시각' },
              description: 'Local time HH:MM, e.g. 09:00',
              description_localizations: { ko: '현지 시각 HH:MM, 예: 09:00' },
              required: false,
              max_length: 5,
            },
            {
              type: ApplicationCommandOptionType.String,
              name: 'timezone',
              name_localizations: { ko: '시간대' },
              description: 'IANA time zone, e.g. Asia/Seoul or America/New_York',
              description_localizations: { ko: 'IANA 시간대, 예: Asia/Seoul, America/New_York' },
              required: false,
              max_length: 64,
            },
            {
              type: ApplicationCommandOptionType.String,
              name: 'language',
              name_localizations: { ko: '언어' },
              description: 'Language of the post',
              description_localizations: { ko: '게시물 언어' },
              required: false,
              choices: [
                { name: 'English', name_localizations: { ko: '영어' }, value: 'en' },
                { name: 'Korean', name_localizations: { ko: '한국어' }, value: 'ko' },
                { name: 'Both', name_localizations: { ko: '둘 다' }, value: 'both' },
              ],
            },
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'off',
          name_localizations: { ko: '끄기' },
          description: 'Stop the daily fact in this channel',
          description_localizations: { ko: '이 채널의 매일 팩트 끄기' },
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'status',
          name_localizations: { ko: '상태' },
          description: "Show this channel's daily fact setting",
          description_localizations: { ko: '이 채널의 매일 팩트 설정 보기' },
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The conversation's grammar words, in the user's language so the reply comes in it. */
const WORDS = {
  en: { listen: 'listen', daily: 'daily', on: 'on', off: 'off', status: 'status' },
  ko: { listen: '듣기', daily: '매일', on: '켜기', off: '끄기', status: '상태' },
} as const;

/** `/feud-settings daily on time:09:00 timezone:Asia/Seoul` → "daily on 09:00 Asia/Seoul". */
export function settingsText(interaction: ChatInputCommandInteraction): string {
  const words = WORDS[localeLang(interaction.locale)];
  const { options } = interaction;
  if (options.getSubcommandGroup(false) === 'daily') {
    const action = options.getSubcommand(true) as 'on' | 'off' | 'status';
    if (action !== 'on') return `${words.daily} ${words[action]}`;
    const args = [options.getString('time'), options.getString('timezone'), options.getString('language')].map((a) => a?.trim()).filter((a): a is string => Boolean(a));
    return [words.daily, words.on, ...args].join(' ');
  }
  return `${words.listen} ${options.getString('mode', true) === 'on' ? words.on : words.off}`;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  await ctx.answer(interaction, settingsText(interaction), 'command');
}
