import { useEffect, useState } from 'preact/hooks';
import { shortcutKeys } from './client';

/** The keys set for each keyboard shortcut, by command name; empty until the browser answers. */
export function useShortcutKeys(): Record<string, string> {
  const [keys, setKeys] = useState<Record<string, string>>({});
  useEffect(() => void shortcutKeys().then(setKeys), []);
  return keys;
}
