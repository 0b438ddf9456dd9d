import { REPLY_LABELS, REPLY_PRESETS, type ReplyPreset } from '../../../domain/answer';

// The domain's reply labels applied, without Preact: the service worker imports this too.

/** The reply as people read it: a preset's label, or the text as sent. */
export function replyText(reply: string): string {
  return (REPLY_LABELS as Record<string, string>)[reply] ?? reply;
}

/**
 * The preset a quick reply stands for, when it names one: its id (`coming`) or its label with any case and closing
 * punctuation (`Coming`, `Leave it at the door`), so a notification's action sends the preset the doorbell knows.
 */
export function presetOf(quickReply: string): ReplyPreset | undefined {
  const plain = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/u, '');
  return REPLY_PRESETS.find((preset) => preset === quickReply || plain(REPLY_LABELS[preset]) === plain(quickReply));
}
