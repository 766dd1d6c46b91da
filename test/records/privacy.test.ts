/**
 * Masked ID numbers stay masked (issue 11 item 5): a code-prefix search does not
 * match inside a personal ID number beyond the characters its masked form shows
 * (before: an archivist recovered a full number in 45 prefix searches); a search
 * by a whole ID number is audited; exports mask ID numbers unless the person may
 * unmask and says why, and the audit lists what was exported; unmasking needs a reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FilePayload, SearchResult } from '../../electron/contract';
import { readSpreadsheetRows } from '../../electron/core/io/rows';
import { auditRows, clerkDesk, errorOf, penaltyRow, tempFolder, value } from '../helpers';

const ID = '11010519491231002X';
const person = (o: Record<string, unknown> = {}) =>
  penaltyRow({ CF_XDR_MC: '王小明', CF_XDR_LB: '自然人', CF_XDR_SHXYM: '', CF_FRDB: '', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: ID, CF_NR_FK: '0.01', CF_NR: '罚款人民币一百元', ...o });

async function deskWithPerson() {
  const core = await clerkDesk();
  value(await core.invoke('records.create', { category: 'penalty', values: person() }));
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕99号' }) }));
  return core;
}

async function rowsOf(file: FilePayload): Promise<unknown[][]> {
  const path = join(tempFolder(), file.fileName);
  writeFileSync(path, Buffer.from(file.content, 'base64'));
  const rows: unknown[][] = [];
  for await (const r of readSpreadsheetRows(path)) rows.push(r.cells);
  return rows;
}

describe('masked ID numbers', () => {
  it('a code prefix longer than the masked form shows does not find a person; the whole number does, audited', async () => {
    const core = await deskWithPerson();
    const hits = async (query: string, method: 'records.search' | 'subjects.search' = 'records.search') =>
      value<SearchResult | { total: number }>(await core.invoke(method, { query })).total;
    // What the masked form shows (1101…002X) finds the person; one hidden digit more does not.
    expect(await hits(ID.slice(0, 4))).toBe(1);
    for (let n = 5; n < ID.length; n++) {
      expect(await hits(ID.slice(0, n)), ID.slice(0, n)).toBe(0);
      expect(await hits(ID.slice(0, n), 'subjects.search'), `subjects ${ID.slice(0, n)}`).toBe(0);
    }
    expect(await hits(ID)).toBe(1);
    expect(await hits(ID, 'subjects.search')).toBe(1);
    // Organisations' codes are public: their prefixes still work.
    expect(await hits('91350200776')).toBe(1);

    const searches = auditRows(core.dbPath).filter((e) => e.target === 'id-number');
    // The 15-character prefix has the shape of an old ID number: audited too (and it found nothing).
    expect(searches.map((e) => [e.method, e.actor, e.detail?.idNumber, e.detail?.hits])).toEqual([
      ['records.search', 'clerk1', '1101*******2310', 0],
      ['subjects.search', 'clerk1', '1101*******2310', 0],
      ['records.search', 'clerk1', '1101**********002X', 1],
      ['subjects.search', 'clerk1', '1101**********002X', 1],
    ]);
    expect(JSON.stringify(auditRows(core.dbPath))).not.toContain(ID);
  });

  it('a record corrected from a company to a person is no longer found by a long prefix, and back again', async () => {
    const core = await clerkDesk();
    const company = penaltyRow({ CF_WSH: '栾市监罚〔2026〕7号' });
    const { recordId: id } = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: company }));
    const hits = async (query: string) => value<SearchResult>(await core.invoke('records.search', { query })).total;
    const correct = async (values: Record<string, unknown>) => {
      const { version } = value<{ version: number }>(await core.invoke('records.get', { recordId: id }));
      value(await core.invoke('records.update', { recordId: id, baseVersion: version, values, reason: '更正主体' }));
    };
    expect(await hits('91350200776')).toBe(1);
    // The same decision, for a person: the record now carries the person's ID number.
    await correct(person({ CF_WSH: '栾市监罚〔2026〕7号' }));
    expect(await hits('91350200776')).toBe(0);
    expect(await hits(ID.slice(0, 8))).toBe(0);
    expect(await hits(ID.slice(0, 4))).toBe(1);
    expect(await hits(ID)).toBe(1);
    await correct(company);
    expect(await hits('91350200776')).toBe(1);
    expect(await hits(ID.slice(0, 4))).toBe(0);
  });

  it('exports mask ID numbers; in clear only with a reason, and the audit lists what was exported', async () => {
    const core = await deskWithPerson();
    const masked = await rowsOf(value<FilePayload>(await core.invoke('export.run', { category: 'penalty' })));
    expect(JSON.stringify(masked)).not.toContain(ID);
    expect(JSON.stringify(masked)).toContain('1101**********002X');

    expect(errorOf(await core.invoke('export.run', { category: 'penalty', unmask: true })).code).toBe('BAD_INPUT');
    expect(errorOf(await core.invoke('export.run', { category: 'penalty', unmask: true, reason: ' ' })).code).toBe('BAD_INPUT');
    const clear = await rowsOf(value<FilePayload>(await core.invoke('export.run', { category: 'penalty', format: 'csv', unmask: true, reason: '核对后更正' })));
    expect(JSON.stringify(clear)).toContain(ID);

    const exports = auditRows(core.dbPath).filter((e) => e.method === 'export');
    expect(exports.map((e) => [e.detail?.personalData, e.detail?.reason ?? null, e.detail?.recordIds])).toEqual([
      ['masked', null, [[1, 2]]],
      ['clear', '核对后更正', [[1, 2]]],
    ]);
  });

  it('unmasking needs a reason', async () => {
    const core = await deskWithPerson();
    expect(errorOf(await core.invoke('records.unmask', { recordId: 1, reason: '' })).code).toBe('BAD_INPUT');
    expect(errorOf(await core.invoke('records.unmask', { recordId: 1 })).code).toBe('BAD_INPUT');
    value(await core.invoke('records.unmask', { recordId: 1, reason: '核对身份' }));
  });
});
