/**
 * zod's English messages for `zod/mini`, which the Lambda paths use (the same checks as zod's classic API, at about
 * a third of the bytes a Lambda compiles at cold start). The classic API loads these messages itself; mini leaves
 * them out, so every module that validates with mini imports this one, for its side effect, next to 'zod/mini'.
 */
import { config } from 'zod/mini';
// The one locale, by its file: the locales index would bring all of them into a bundle.
import english from 'zod/v4/locales/en.js';

config(english());
