// Entry of the page that explains how to verify a record (/verify), linked from every record page: the command
// line lives here and in docs/record.md, not on the public record.

import { initLanguage } from '../i18n.js';

initLanguage(document.getElementById('lang-switch'));
