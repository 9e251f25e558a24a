import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as germanDictionary } from "@zxcvbn-ts/language-de";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.ts";

/** zxcvbn score (0–4) a new password must reach: 3 is "safely unguessable" for online attacks. */
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function strength(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to load and are needed only here.
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...germanDictionary },
  });
  return estimator;
}

/**
 * The one rule for a password being set (account creation by an admin or the CLI, password
 * reset): taken exactly as typed — never trimmed, neither here nor at login — at least
 * PASSWORD_MIN_LENGTH characters, and not guessable by the zxcvbn estimate against common
 * passwords, German and English words, names, keyboard patterns and repetitions. `related` are
 * texts an attacker would try first (the account's e-mail address and name).
 * Returns the field error key, or null when the password may be used.
 */
export function passwordProblem(password: string, related: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "form.passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "form.tooLong";
  const inputs = related.flatMap((text) => text.toLowerCase().split(/[\s@.]+/)).filter(Boolean);
  if (strength().check(password, inputs).score < PASSWORD_MIN_SCORE) return "form.passwordWeak";
  return null;
}
