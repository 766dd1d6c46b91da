/**
 * Limits shared by the contract's schemas and by the command line's prompts. Plain
 * constants (no zod), so the command line reads them without loading the contract.
 */

/** A new password: at least 10 characters (the core also refuses the login name itself). */
export const PASSWORD_MIN = 10;

/** Searches by ID number: beyond `count` distinct numbers per person in `minutes`, each new one needs a reason. */
export const DEFAULT_ID_SEARCH_BURST = { count: 20, minutes: 10 } as const;
