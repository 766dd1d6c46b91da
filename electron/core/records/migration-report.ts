/**
 * The migration report of one import (.xlsx): what the file was recognised as,
 * where each column went, each mapping rule with the rows it applied to, and the
 * rows imported and refused. Written with exceljs's streaming writer, every text
 * cell neutralised (file headers and messages come from the imported file).
 */
import type { ImportColumnView } from '../../contract/records';
import { getCompiledCategory } from '../catalog/registry';
import { columnLetter, neutralizeCell, safeSheetName } from '../io/xlsx-writer';
import type { ImportMemo } from './import';
import { STATE_LABELS } from './service';

type Cell = string | number | null;

const STATUS: Record<ImportColumnView['status'], string> = {
  field: '按现行字段导入',
  mapped: '按旧模板转换',
  status: '当前状态（历史记录用）',
  ignored: '已知列，不导入',
  unknown: '未识别，不导入',
  repeated: '重复列，不导入',
};

export async function writeMigrationReport(path: string, memo: ImportMemo): Promise<void> {
  const s = memo.summary;
  const compiled = getCompiledCategory(s.category);
  const label = (code: string | null) => (code ? `${compiled.byCode.get(code)?.label ?? code}（${code}）` : '');
  const { default: Excel } = await import('exceljs'); // loaded when a report is written, not with the core
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = '信用工作台';
  const sheet = (name: string, header: string[], widths: number[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(safeSheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = widths.map((width) => ({ width }));
    const head = ws.getRow(1);
    header.forEach((h, i) => {
      head.getCell(i + 1).value = h;
      head.getCell(i + 1).font = { bold: true };
    });
    head.commit();
    rows.forEach((values, r) => {
      const row = ws.getRow(r + 2);
      values.forEach((v, c) => {
        if (v !== null && v !== '') row.getCell(c + 1).value = typeof v === 'string' ? neutralizeCell(v) : v;
      });
      row.commit();
    });
    ws.commit();
  };

  const history = s.history;
  const overview: Cell[][] = [
    ['文件', memo.fileName],
    ['信息类别', `${compiled.def.name}（${s.category}）`],
    ['识别为', s.generation.name],
    ['列名所在行', memo.plan?.headerRow ?? 1],
    ['导入方式', s.alreadyReported ? '已在平台公示过的历史记录（不再报送）' : '新记录（待报送）'],
    ['导入时间', memo.at.replace('T', ' ').slice(0, 19)],
    ['文件数据行', s.totalRows],
    ['新增导入', s.imported],
    ['更新（新版本）', s.updated],
    ['重复（已存在，未导入）', s.duplicates],
    ['拒绝（未导入）', s.rejected],
    ['排入报送队列的操作', s.queued],
    ...(history
      ? ([
          [`其中 ${STATE_LABELS.accepted}`, history.accepted],
          [`其中 ${STATE_LABELS.expired}`, history.expired],
          [`其中 ${STATE_LABELS.withdrawn}`, history.withdrawn],
        ] as Cell[][])
      : []),
    ['全部或全不', s.rolledBack ? '有行未通过校验，未写入任何记录' : '否'],
  ];
  sheet('概况', ['项目', '内容'], [24, 60], overview);
  sheet(
    '列对应',
    ['列', '表头', '处理', '对应字段', '说明'],
    [6, 36, 18, 36, 60],
    s.columns.map((c) => [columnLetter(c.index), c.header, STATUS[c.status], label(c.field), c.note]),
  );
  const missing = memo.plan?.missing ?? [];
  sheet(
    '转换规则',
    ['规则', '说明', '应用行数', '明细'],
    [24, 90, 10, 40],
    [
      ...s.rules.map((r) => [
        r.name,
        r.description,
        r.count ?? 0,
        r.outcomes
          ? Object.entries(r.outcomes)
              .map(([k, n]) => `${k} ${n} 行`)
              .join('；')
          : null,
      ]),
      ...missing
        .filter((m) => m.rule === null)
        .map((m) => ['缺少必填列', `文件没有${label(m.field)}列，也没有规则可以填写：每行都因此未导入`, null, null] as Cell[]),
    ],
  );
  sheet(
    '被拒绝的行',
    ['原行号', '错误说明'],
    [10, 120],
    memo.rejected.map((r) => [r.row, r.messages.join('；')]),
  );
  await wb.commit();
}
