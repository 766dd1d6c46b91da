/**
 * Fuzzing every file the product reads (issue 11 item 12): receipts (JSON,
 * XLSX), batch archives given to verify (the core's verify, which the command
 * line runs, and the in-app verify), rule tables, key files and backups. Valid
 * files are damaged (test/fuzz/mutate.ts) and given to what reads them
 * (test/fuzz/targets.ts); for every case:
 *
 * - no crash and no unhandled exception;
 * - accepted (the damage left a valid file), or refused with a coded error and
 *   a message for people (Chinese, not a stack or a raw JavaScript error);
 * - when refused, nothing written: the database's tables as before (the audit
 *   trail only gained the refusal), the department's files as before, no
 *   temporary file left.
 *
 * FUZZ_CASES cases per kind (default 50; `npm run soak` runs 1000). The seed is
 * new each run and printed; FUZZ_SEED=<n> replays a run, FUZZ_KINDS=<part of a
 * kind's name> runs only some kinds (each kind draws from its own generator,
 * so one kind alone draws what it drew in the full run).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ERROR_CODES } from '../../electron/contract/errors';
import { mulberry32 } from '../../electron/core/demo/records';
import { buildFixture, expectNoTempLeft, type Fixture } from './fixture';
import { pick } from './mutate';
import { TARGETS, type Outcome } from './targets';

const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED should be a whole number: ${process.env.FUZZ_SEED}`);
const CASES = Number(process.env.FUZZ_CASES ?? 50);
if (!Number.isSafeInteger(CASES) || CASES < 1) throw new Error(`FUZZ_CASES should be a positive whole number: ${process.env.FUZZ_CASES}`);
const ONLY = process.env.FUZZ_KINDS?.toLowerCase();

/** The codes a refusal may carry: the contract's (never INTERNAL) and verify's own. */
const VERIFY_CODES = ['UNSAFE_ARCHIVE', 'MALFORMED', 'BAD_SIGNATURE', 'UNKNOWN_SIGNER', 'MEMBER_MISSING', 'MEMBER_EXTRA', 'MEMBER_SIZE', 'MEMBER_DIGEST', 'SEQUENCE_BREAK', 'PREVIOUS_DIGEST'];
const CODES = [...ERROR_CODES.filter((c) => c !== 'INTERNAL'), ...VERIFY_CODES];
/** What an error nobody handled looks like when it reaches a person. */
const RAW = /TypeError|RangeError|ReferenceError|is not a function|Cannot read propert|Cannot convert|is not iterable|Maximum call stack|\[object Object\]|\n\s+at /;

function expectClear(outcome: Extract<Outcome, { ok: false }>): void {
  expect(CODES, `code ${outcome.code}: ${outcome.message}`).toContain(outcome.code);
  expect(outcome.message, 'a message in Chinese').toMatch(/[\u4e00-\u9fff]/);
  expect(outcome.message, 'not a raw JavaScript error').not.toMatch(RAW);
}

/** A number of the kind's own, so that each kind's cases do not depend on the others. */
function seedOf(kind: string): number {
  let h = SEED >>> 0;
  for (const ch of kind) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

let fixture: Fixture;
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => void unhandled.push(err);
const tally: Record<string, { cases: number; accepted: number; byCode: Record<string, number>; acceptedBy: Record<string, number> }> = {};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  fixture = await buildFixture();
}, 120_000);

afterEach(() => {
  expect(unhandled, 'unhandled exceptions or rejections').toEqual([]);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  if (fixture) rmSync(fixture.folder, { recursive: true, force: true });
  for (const [kind, t] of Object.entries(tally)) {
    const codes = Object.entries(t.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    console.log(`fuzz: ${kind} ${t.cases} cases, seed ${SEED} (${t.accepted} accepted; refused: ${codes || 'none'})`);
    if (process.env.FUZZ_VERBOSE) console.log(`  accepted after: ${JSON.stringify(t.acceptedBy)}`);
  }
});

describe(`fuzzing the files the product reads (FUZZ_SEED=${SEED}, ${CASES} cases per kind)`, () => {
  for (const t of TARGETS.filter((x) => !ONLY || ONLY.split(',').some((k) => x.kind.toLowerCase().includes(k.trim())))) {
    it(t.kind, { timeout: Math.max(300_000, CASES * 3_000) }, async () => {
      const random = mulberry32(seedOf(t.kind));
      const mutations = t.mutations(fixture);
      const count: (typeof tally)[string] = { cases: 0, accepted: 0, byCode: {}, acceptedBy: {} };
      tally[t.kind] = count;
      let context = await t.open(fixture);
      try {
        for (let n = 0; n < CASES; n++) {
          const mutation = pick(random, mutations);
          const where = `FUZZ_SEED=${SEED} FUZZ_KINDS="${t.kind}": case ${n + 1}, ${mutation.name}`;
          try {
            const valid = await t.valid(fixture, n);
            const file = { fileName: valid.fileName, bytes: await mutation.apply(valid.bytes, random) };
            t.place?.(context, file);
            const before = await t.snapshot(context);
            const outcome = await t.apply(context, file);
            count.cases++;
            if (outcome.ok) {
              // Damage that left a valid file (a zip's timestamps, a field nobody reads): read like any valid file.
              count.accepted++;
              count.acceptedBy[mutation.name] = (count.acceptedBy[mutation.name] ?? 0) + 1;
              t.close(context);
              context = await t.open(fixture);
            } else {
              count.byCode[outcome.code] = (count.byCode[outcome.code] ?? 0) + 1;
              expectClear(outcome);
              await t.unchanged(context, before);
            }
            expectNoTempLeft();
            expect(unhandled, 'unhandled exceptions or rejections').toEqual([]);
          } catch (err) {
            console.error(`fuzz failure — replay with ${where}`);
            if (err instanceof Error) err.message = `${where}\n${err.message}`;
            throw err;
          }
        }
      } finally {
        t.close(context);
      }
      // Damage is refused far more often than not: a suite where everything passed would test nothing.
      if (count.cases >= 10) expect(count.cases - count.accepted, 'refused cases').toBeGreaterThan(count.cases / 2);
    });
  }
});
