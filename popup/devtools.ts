/** The DevTools page: it only adds the Trackstop panel (panel.html) to DevTools for the inspected tab. */
import { browser } from './platform';

void browser.devtools.panels.create('Trackstop', 'icons/32.png', 'panel.html');
