/**
 * Quick throughput measurement of validateRecord (not a test; run with
 *   npx tsx test/catalog/bench-validate.ts [rows]
 * ). Generates realistic 行政处罚 and 行政许可 rows the way an importer hands
 * them over (strings, numbers, Excel serial dates) and validates each once.
 */
import { fieldOrder, validateRecord } from '../../electron/core/catalog';
import { orgCodeCheckChar, usccCheckChar } from '../../electron/core/identifiers/uscc';

const N = Number(process.argv[2] ?? 100_000);
/** A distinct valid code per row (so the USCC memo does not flatter the figure). */
function uscc(i: number): string {
  const org8 = String(10_000_000 + i * 7919).slice(-8);
  const first17 = '91130111' + org8 + orgCodeCheckChar(org8);
  return first17 + usccCheckChar(first17);
}
const USCC = Array.from({ length: N }, (_, i) => uscc(i));

function penaltyRow(i: number): Record<string, unknown> {
  const person = i % 5 === 0;
  return {
    CF_XDR_MC: person ? `张${i}` : `石家庄市栾城区某某商贸有限公司${i}`,
    CF_XDR_LB: person ? '自然人' : '法人及非法人组织',
    CF_XDR_SHXYM: person ? '' : USCC[i],
    CF_FRDB: person ? '' : '李四',
    CF_XDR_ZJLX: person ? '身份证' : '',
    CF_XDR_ZJHM: person ? '11010519491231002X' : '',
    CF_WSH: `栾市监罚〔2025〕${i}号`,
    CF_WFXW: '销售不符合食品安全标准的食品',
    CF_SY: '经查，当事人于2025年1月销售的某批次食品经抽检不合格。'.repeat(3),
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条第一款',
    CF_CFLB: i % 3 === 0 ? '警告;罚款' : i % 3 === 1 ? '2' : '罚款、没收违法所得',
    CF_NR: '罚款人民币5000元，没收违法所得1200元',
    CF_NR_FK: i % 2 ? 0.5 : '0.500000',
    CF_NR_WFFF: '0.12',
    CF_JDRQ: i % 2 ? 45658 + (i % 300) : '2025-03-15',
    CF_YXQ: '2099/12/31',
    CF_GSJZQ: '',
    CF_CFJG: '石家庄市栾城区市场监督管理局',
    CF_CFJGDM: '913502000728319549',
    CF_SJLY: '石家庄市栾城区市场监督管理局',
    CF_SJLYDM: '913502000728319549',
    BZ: '',
  };
}

function run(category: string, make: (i: number) => Record<string, unknown>, positional = false) {
  const order = fieldOrder(category);
  const rows = Array.from({ length: N }, (_, i) => {
    const row = make(i);
    return positional ? order.map((code) => row[code]) : row;
  });
  for (let i = 0; i < 5000; i++) validateRecord(category, rows[i % rows.length], { today: '2026-11-26' }); // warm up
  let bad = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const row of rows) if (!validateRecord(category, row, { today: '2026-11-26' }).ok) bad++;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${category}${positional ? ' (positional rows)' : ''}: ${N} rows in ${ms.toFixed(0)} ms = ${Math.round((N / ms) * 1000).toLocaleString('en')} rows/s wall; ${Math.round((N / cpuMs) * 1000).toLocaleString('en')} rows/s of CPU time (invalid: ${bad})`);
}

run('penalty', penaltyRow);
run('penalty', penaltyRow, true);
run('license', (i) => ({
  XK_XDR_MC: `某某公司${i}`,
  XK_XDR_LB: '法人及非法人组织',
  XK_XDR_SHXYM: USCC[i],
  XK_XKWS: '食品经营许可决定书',
  XK_WSH: `JY1130111${String(i).padStart(7, '0')}`,
  XK_XKLB: i % 7 ? '普通' : '其他-备案',
  XK_NR: '预包装食品（含冷藏冷冻食品）销售',
  XK_JDRQ: new Date(Date.UTC(2025, 0, 1 + (i % 365))),
  XK_YXQZ: '2025-01-01',
  XK_YXQZI: '2030/12/31',
  XK_XKJG: '石家庄市栾城区行政审批局',
  XK_XKJGDM: '913502000728319549',
  XK_ZT: '有效',
  XK_LYDW: '石家庄市栾城区行政审批局',
  XK_LYDWDM: '913502000728319549',
}));
