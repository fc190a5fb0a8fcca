/**
 * /lab.js: the page's whole script, the drawing code and the panel code in one strict-mode function scope.
 * Design: docs/lab-view.md.
 */
import { LAB_ACTIONS_SCRIPT } from './page-script-actions.js';
import { LAB_VIEW_SCRIPT } from './page-script-view.js';

/** The script served as /lab.js. */
export const LAB_PAGE_SCRIPT = `(function () {\n'use strict';\n${LAB_VIEW_SCRIPT}\n${LAB_ACTIONS_SCRIPT}\n})();\n`;
