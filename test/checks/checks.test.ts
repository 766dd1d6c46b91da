/**
 * Credit checks (信用核查) through the contract, against real imported lists and the
 * department's own records: found by 统一社会信用代码, by ID number and by exact
 * (normalised) name, never by part of a name; the measures for the matter; a clean
 * check names the list versions; the check log and the audit; a past check shown as
 * it was after the list changed; who sees which checks; warnings on record entry and
 * import; the subject page's list entries.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CheckResultView, CheckSummaryView, ImportSummary, ListHitBrief, SubjectSummary, ValidationView } from '../../electron/contract';
import { penaltyRow, tempFolder, value, withRaw } from '../helpers';
import { blacklistRow } from '../catalog/fixtures';
import { as, entry, importList, listDesk, NOW, opensslKey, packed, type PlatformKey } from '../lists/helpers';

let platform: PlatformKey;
beforeAll(() => {
  platform = opensslKey();
});

const COMPANY = '91130111MA0A1B2C2U';
const PERSON_ID = '11010519491231002X';

/** A desk with one pinned key and two lists: a sanction list (v2) and a red list. */
async function checkDesk() {
  const core = await listDesk({ now: () => NOW });
  value(await core.invoke('lists.pin', { pem: platform.publicPem, label: '栾城区信用信息共享平台' }));
  const sanctions = [
    entry({ name: '石家庄市栾城区失信商贸有限公司', code: COMPANY }),
    entry({ name: '王某某', code: PERSON_ID, listType: '失信被执行人', basis: '（2026）冀0111执123号', measures: ['限制参与招标投标', '不予受理'] }),
    entry({ name: '栾城区无码餐饮店', code: null, measures: ['取消评优评先资格'] }),
    entry({ name: '已过期公司', code: '913502000728319549', expires: '2026-06-30' }),
  ];
  value(await importList(core, await packed({ key: platform, entries: sanctions.slice(0, 1), version: 1 })));
  value(await importList(core, await packed({ key: platform, entries: sanctions, version: 2 })));
  value(
    await importList(
      core,
      await packed({
        key: platform,
        listId: 'LC-HMD',
        name: '守信激励名单（栾城区）',
        listType: '守信激励名单',
        entries: [entry({ name: '诚信示范企业有限公司', code: '91440101MA5CJQ4N59', listType: '守信激励名单', basis: '诚信示范企业', measures: ['容缺受理', '优先办理'] })],
      }),
    ),
  );
  await as(core, 'clerk1');
  return core;
}

type Desk = Awaited<ReturnType<typeof checkDesk>>;

async function check(core: Desk, subject: string, matter = '行政许可') {
  return value<CheckResultView>(await core.invoke('checks.run', { subject, matter }));
}

describe('checking one subject', () => {
  it('finds a subject by 统一社会信用代码 with the measures for the matter, and logs and audits the check', async () => {
    const core = await checkDesk();
    const r = await check(core, ` ${COMPANY.toLowerCase()} `, '政府采购');
    expect(r.checkNo).toBe('HC2026-000001');
    expect(r.clean).toBe(false);
    expect(r.subject).toEqual({ name: '石家庄市栾城区失信商贸有限公司', code: COMPANY, kind: 'uscc' });
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toMatchObject({
      source: 'list',
      list: '严重失信主体名单（栾城区）',
      listId: 'LC-SXZT',
      version: 2,
      effect: 'sanction',
      matchedBy: 'code',
      basis: '冀发改财金〔2026〕12号：拒不履行法定义务',
      measures: ['限制参与政府采购'],
      otherMeasures: ['从严审核', '限制申请财政补贴'],
    });
    // The same entry for another matter: other measures apply.
    const licence = await check(core, COMPANY, '行政许可');
    expect(licence.checkNo).toBe('HC2026-000002');
    expect(licence.hits[0].measures).toEqual(['从严审核']);
    const subsidy = await check(core, COMPANY, '财政资金');
    expect(subsidy.hits[0].measures).toEqual(['限制申请财政补贴']);

    const log = await withRaw(core, (db) => db.prepare('SELECT check_no, by, matter, query, subject_code, clean, hit_count FROM credit_checks ORDER BY id').all());
    expect(log[0]).toEqual({ check_no: 'HC2026-000001', by: 'clerk1', matter: '政府采购', query: ` ${COMPANY.toLowerCase()} `.trim(), subject_code: COMPANY, clean: 0, hit_count: 1 });
    await as(core, 'auditor');
    const audit = value<{ items: AuditEntry[] }>(await core.invoke('audit.list', { limit: 50 })).items.filter((a) => a.method === 'checks.run');
    expect(audit.map((a) => a.target)).toEqual(['check:HC2026-000003', 'check:HC2026-000002', 'check:HC2026-000001']);
    expect(audit[2]).toMatchObject({ actor: 'clerk1', outcome: 'ok', detail: { matter: '政府采购', code: COMPANY, kind: 'uscc', hits: 1 } });
  });

  it('finds a person by ID number (masked when shown) and a subject without a code by its exact name only', async () => {
    const core = await checkDesk();
    const person = await check(core, PERSON_ID, '招标投标');
    expect(person.subject).toMatchObject({ kind: 'id', code: '1101**********002X' });
    expect(person.query).toBe('1101**********002X');
    expect(person.hits).toHaveLength(1);
    expect(person.hits[0]).toMatchObject({ list: '严重失信主体名单（栾城区）', listType: '失信被执行人', code: '1101**********002X', measures: ['限制参与招标投标', '不予受理'] });
    // The log keeps the number itself (the check is evidence); views mask it.
    const stored = await withRaw(core, (db) => db.prepare('SELECT subject_code FROM credit_checks WHERE check_no = ?').pluck().get(person.checkNo));
    expect(stored).toBe(PERSON_ID);

    // Exact name, normalised as search normalises it: full-width characters and spaces do not matter.
    const byName = await check(core, ' 栾城区无码餐饮店 ', '评优评先');
    expect(byName.subject).toMatchObject({ kind: 'name', name: '栾城区无码餐饮店' });
    expect(byName.hits.map((h) => [h.matchedBy, h.measures])).toEqual([['name', ['取消评优评先资格']]]);
    const spaced = await check(core, '栾城区 无码 餐饮店', '评优评先');
    expect(spaced.hits).toHaveLength(1);
    const fullWidth = await check(core, 'Ｗ栾城区无码餐饮店'.slice(1), '评优评先');
    expect(fullWidth.hits).toHaveLength(1);
    // Part of a name is not a match.
    expect((await check(core, '无码餐饮')).clean).toBe(true);
    // A company on the list by code is found by its exact name too.
    expect((await check(core, '石家庄市栾城区失信商贸有限公司')).hits).toHaveLength(1);
    // Checked by its code, a subject the department knows by name is matched to a list entry without a code.
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_XDR_MC: '栾城区无码餐饮店', CF_XDR_SHXYM: '91230500MA1B3N1N2M' }) }));
    const byCode = await check(core, '91230500MA1B3N1N2M', '评优评先');
    expect(byCode.subject).toMatchObject({ name: '栾城区无码餐饮店', code: '91230500MA1B3N1N2M' });
    expect(byCode.hits.filter((h) => h.source === 'list').map((h) => [h.name, h.matchedBy])).toEqual([['栾城区无码餐饮店', 'name']]);
  });

  it('a clean check names the list versions it was made against; an expired entry is not a hit', async () => {
    const core = await checkDesk();
    const clean = await check(core, '91350200776049653A');
    expect(clean.clean).toBe(true);
    expect(clean.hits).toEqual([]);
    expect(clean.versions).toEqual([
      { listId: 'LC-SXZT', name: '严重失信主体名单（栾城区）', version: 2, issuedOn: '2026-11-20' },
      { listId: 'LC-HMD', name: '守信激励名单（栾城区）', version: 1, issuedOn: '2026-11-20' },
    ]);
    expect(clean.ownRecords).toBe(true);
    expect((await check(core, '913502000728319549')).clean).toBe(true);
  });

  it('an incentive list gives its incentives for the matter', async () => {
    const core = await checkDesk();
    const r = await check(core, '91440101MA5CJQ4N59', '行政许可');
    expect(r.hits[0]).toMatchObject({ effect: 'incentive', measures: ['容缺受理', '优先办理'] });
    const award = await check(core, '91440101MA5CJQ4N59', '评优评先');
    expect(award.hits[0]).toMatchObject({ measures: [], otherMeasures: ['容缺受理', '优先办理'] });
  });

  it("finds the department's own blacklist entry and a penalty still published, not a withdrawn one", async () => {
    const core = await checkDesk();
    const code = '91350200776049653A';
    const penalty = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_XDR_SHXYM: code }) }));
    value(
      await core.invoke('records.create', {
        category: 'blacklist',
        values: blacklistRow({ SXMD_XDR_SHXYM: code, SXMD_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司', SXMD_CJCS: '限制参与政府采购；从严审核、限制取得政府供应土地' }),
      }),
    );
    const withdrawn = value<{ recordId: number }>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_XDR_SHXYM: code, CF_WSH: '栾市监罚〔2026〕99号' }) }),
    );
    value(await core.invoke('records.withdraw', { recordId: withdrawn.recordId, reason: '决定已撤销' }));
    const r = await check(core, code, '政府采购');
    expect(r.clean).toBe(false);
    expect(r.hits.map((h) => [h.source, h.listId, h.decisionNo])).toEqual([
      ['records', 'penalty', '栾市监罚〔2026〕12号'],
      ['records', 'blacklist', '厦税稽罚〔2025〕8号'],
    ]);
    const [p, b] = r.hits;
    expect(p).toMatchObject({ recordId: penalty.recordId, effect: 'sanction', list: '行政处罚', measures: [] });
    expect(p.expires! >= '2026-11-26').toBe(true);
    // A measure the measure table does not know applies to every matter (shown rather than hidden).
    expect(b).toMatchObject({ effect: 'sanction', list: '严重失信主体名单', measures: ['限制参与政府采购', '限制取得政府供应土地'], otherMeasures: ['从严审核'] });
  });

  it('shows a past check as it was after a newer version of the list dropped the subject', async () => {
    const core = await checkDesk();
    const before = await check(core, COMPANY);
    await as(core, 'admin');
    value(await importList(core, await packed({ key: platform, entries: [entry({ name: '别的公司', code: '91440101MA5CJQ4N59' })], version: 3 })));
    await as(core, 'clerk1');
    const after = await check(core, COMPANY);
    expect(after.clean).toBe(true);
    expect(after.versions.find((v) => v.listId === 'LC-SXZT')?.version).toBe(3);
    const again = value<CheckResultView>(await core.invoke('checks.get', { checkNo: before.checkNo }));
    expect(again.hits).toEqual(before.hits);
    expect(again.versions).toEqual(before.versions);
  });

  it('a clerk sees their own checks; an approver and an auditor see everyone’s; the log never changes', async () => {
    const core = await checkDesk();
    const mine = await check(core, COMPANY);
    await as(core, 'clerk2');
    await check(core, PERSON_ID);
    const list = value<{ total: number; items: CheckSummaryView[] }>(await core.invoke('checks.list', {}));
    expect(list.items.map((c) => c.checkNo)).toEqual(['HC2026-000002']);
    expect(list.items[0].subjectCode).toBe('1101**********002X');
    const other = await core.invoke('checks.get', { checkNo: mine.checkNo });
    expect(other.ok || other.error.code).toBe('FORBIDDEN');
    const feedback = await core.invoke('checks.feedback', { checkNo: mine.checkNo, measure: '从严审核', note: '' });
    expect(feedback.ok || feedback.error.code).toBe('FORBIDDEN');
    for (const who of ['boss', 'auditor'] as const) {
      await as(core, who);
      expect(value<{ total: number }>(await core.invoke('checks.list', {})).total).toBe(2);
    }
    const archivist = await core.invoke('checks.run', { subject: COMPANY, matter: '其他' });
    expect(archivist.ok || archivist.error.code).toBe('FORBIDDEN');
    await withRaw(core, (db) => {
      expect(() => db.prepare(`UPDATE credit_checks SET clean = 1`).run()).toThrow(/never changes/);
      expect(() => db.prepare(`DELETE FROM credit_checks`).run()).toThrow(/never changes/);
    });
  });
});

describe('warnings where work happens', () => {
  it('record entry shows the subject’s list entries without blocking', async () => {
    const core = await checkDesk();
    const values = penaltyRow({ CF_XDR_MC: '石家庄市栾城区失信商贸有限公司', CF_XDR_SHXYM: COMPANY });
    const validated = value<ValidationView>(await core.invoke('records.validate', { category: 'penalty', values }));
    expect(validated.ok).toBe(true);
    expect(validated.listHits?.map((h) => [h.list, h.version, h.matchedBy])).toEqual([['严重失信主体名单（栾城区）', 2, 'code']]);
    const created = value<{ recordId: number; listHits?: ListHitBrief[] }>(await core.invoke('records.create', { category: 'penalty', values }));
    expect(created.recordId).toBeGreaterThan(0);
    expect(created.listHits).toHaveLength(1);
    const plain = value<ValidationView>(await core.invoke('records.validate', { category: 'penalty', values: penaltyRow() }));
    expect(plain.listHits).toBeUndefined();
  });

  it('an import shows which new records concern listed subjects; the subject page lists its entries, expired ones flagged', async () => {
    const core = await checkDesk();
    const folder = tempFolder();
    const rows = [
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕201号', CF_XDR_MC: '石家庄市栾城区失信商贸有限公司', CF_XDR_SHXYM: COMPANY }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕202号' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕203号', CF_XDR_MC: '已过期公司', CF_XDR_SHXYM: '913502000728319549' }),
    ];
    const columns = Object.keys(rows[0]);
    const csv = join(folder, 'penalties.csv');
    writeFileSync(csv, [columns.join(','), ...rows.map((r) => columns.map((c) => `"${String(r[c] ?? '')}"`).join(','))].join('\n'));
    const summary = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: 'penalties.csv', content: Buffer.from(await import('node:fs').then((f) => f.readFileSync(csv))).toString('base64') }));
    expect(summary.imported).toBe(3);
    expect(summary.listHits?.count).toBe(1);
    expect(summary.listHits?.items[0]).toMatchObject({ subjectName: '石家庄市栾城区失信商贸有限公司', code: COMPANY });
    expect(summary.listHits?.items[0].hits[0]).toMatchObject({ list: '严重失信主体名单（栾城区）', version: 2, expired: false });

    const subjects = value<{ items: SubjectSummary[] }>(await core.invoke('subjects.search', { query: '已过期公司' })).items;
    const entries = value<ListHitBrief[]>(await core.invoke('lists.subjectEntries', { subjectId: subjects[0].subjectId }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ expired: true, expires: '2026-06-30' });
  });
});
