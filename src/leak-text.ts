/**
 * A leak flag (src/leaks.ts) in the person's language: the reason, starting with "Leak:" so that a screen reader
 * says what it is first, and one line on what to do about it.
 */
import { durationText } from './format';
import { t } from './i18n';
import type { LeakFlag } from './leaks';

export interface LeakText {
  text: string;
  hint: string;
}

export function leakText(flag: LeakFlag): LeakText {
  const forText = durationText(flag.forMs ?? 0);
  switch (flag.rule) {
    case 'call-ended': return { text: t('leakCallEnded'), hint: t('leakCallEndedHint') };
    case 'idle': return { text: t('leakIdle', forText), hint: t('leakIdleHint') };
    case 'orphan': return { text: t('leakOrphan'), hint: t('leakOrphanHint') };
    case 'hidden': return {
      text: flag.device === 'microphone' ? t('leakHiddenMicrophone', forText) : t('leakHiddenCamera', forText),
      hint: t('leakHiddenHint'),
    };
  }
}
