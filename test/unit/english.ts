/** Unit tests read the words as an English-speaking browser shows them (vitest setup file for the unit project). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { messagesFrom, useMessages } from '../../src/i18n';

useMessages(messagesFrom(JSON.parse(readFileSync(resolve(__dirname, '../../_locales/en/messages.json'), 'utf8'))),
  'en');
