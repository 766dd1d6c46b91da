/**
 * `rules list` / `rules install` through the real command line: an
 * administrator installs a new version of the publication rule table; each
 * command runs in its own process, so a later process finding the version
 * (and computing with it) shows it was stored in the database and loaded from
 * it. A clerk may not install; a repeated version or a malformed table is
 * refused (exit 1) and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENALTY_RULES_2026 } from '../../electron/core/catalog/publication-rules';
import { penaltyRow } from '../helpers';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const SLOW = 120_000;
let folder: string;
beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-rules-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type RuleRow = { kind: string; version: string; effectiveFrom: string; builtIn: boolean };
/** The publication rule tables (rules list also lists the case rules: test/cli/cases.test.ts). */
const publication = (rows: RuleRow[]) => rows.filter((r) => r.kind === 'penalty-publication');

const asClerk = (db: string, args: string[]): Promise<CliRun> => cli([...args, '--db', db, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: 'clerk-pass-1' });

function writeJson(name: string, body: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(body, null, 2));
  return path;
}

describe('rules', () => {
  it(
    'an administrator installs a new version; later processes list it and compute with it; old records keep theirs',
    async () => {
      const { db } = await initDesk(join(folder, 'department.db'));
      const add = await asAdmin(db, ['user', 'add', '--login', 'clerk1', '--name', '录入员甲', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: 'clerk-pass-1' });
      expect(add.code, add.stderr).toBe(0);
      const listed = onlyJson<{ rules: RuleRow[] }>(await asAdmin(db, ['rules', 'list', '--json']));
      expect(publication(listed.rules)).toEqual([expect.objectContaining({ version: PENALTY_RULES_2026.version, builtIn: true })]);

      // One record under the built-in table (一般: at most 12 months).
      const csv = (no: number) => {
        const row = penaltyRow({ CF_WSH: `栾市监罚〔2026〕${no}号` });
        const columns = Object.keys(row);
        const path = join(folder, `p${no}.csv`);
        writeFileSync(path, `${columns.join(',')}\n${columns.map((c) => `"${String(row[c] ?? '')}"`).join(',')}\n`);
        return path;
      };
      expect((await asClerk(db, ['import', '--category', 'penalty', csv(1)])).code).toBe(0);

      const newer = { ...PENALTY_RULES_2026, version: 'test-2026.11', effectiveFrom: '2026-03-01', classes: { ...PENALTY_RULES_2026.classes, 一般: { ...PENALTY_RULES_2026.classes.一般, maxMonths: 24 } } };
      const tableFile = writeJson('rules.json', newer);
      const byClerk = await asClerk(db, ['rules', 'install', tableFile]);
      expect(byClerk.code).toBe(1);
      expect(byClerk.stderr).toContain('FORBIDDEN');
      const installed = await asAdmin(db, ['rules', 'install', tableFile, '--json']);
      expect(installed.code, installed.stderr).toBe(0);
      expect(onlyJson(installed)).toMatchObject({ version: 'test-2026.11', effectiveFrom: '2026-03-01', builtIn: false });
      const again = await asAdmin(db, ['rules', 'install', tableFile]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('已存在');
      const malformed = await asAdmin(db, ['rules', 'install', writeJson('bad.json', { ...newer, version: 'test-bad', classes: { 一般: { maxMonths: 'twelve' } } })]);
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toContain('规则表格式有误');
      const notJson = join(folder, 'not.json');
      writeFileSync(notJson, '{ version: ');
      expect((await asAdmin(db, ['rules', 'install', notJson])).code).toBe(2);

      // A new process finds the installed version in the database.
      const after = onlyJson<{ rules: RuleRow[] }>(await asClerk(db, ['rules', 'list', '--json']));
      expect(publication(after.rules).map((r) => [r.version, r.builtIn])).toEqual(
        expect.arrayContaining([
          [PENALTY_RULES_2026.version, true],
          ['test-2026.11', false],
        ]),
      );
      expect(publication(after.rules)).toHaveLength(2);

      // And computes with it, for decisions from 2026-03-01 (a record uses the table in force on its decision date):
      // 公示截止期 two years after the decision; the record computed before keeps its table.
      expect((await asClerk(db, ['import', '--category', 'penalty', csv(2)])).code).toBe(0);
      const exported = join(folder, 'out.csv');
      expect((await asClerk(db, ['export', '--category', 'penalty', '--out', exported])).code).toBe(0);
      const text = readFileSync(exported, 'utf8');
      const line = (no: number) => text.split('\n').find((l) => l.includes(`栾市监罚〔2026〕${no}号`))!;
      expect(penaltyRow().CF_JDRQ).toBe('2026-03-02');
      expect(line(1)).toContain('2027-03-02');
      expect(line(2)).toContain('2028-03-02');
    },
    SLOW,
  );
});
