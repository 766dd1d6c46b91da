/**
 * `department set`: what letters need of the department profile — the 机关代字 for
 * 发文字号 (--short-name), contact person and telephone, the 行政复议 body and the
 * court letters name, and a 发文字号 pattern per letter kind (--doc-no KIND=PATTERN).
 * Options not given keep their value. `info --json` shows them all.
 */
import { LETTER_KINDS, LETTER_TITLES } from '../../contract/letters';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { checkInput } from '../session';
import { fields } from '../text';
import { refusalsExit1 } from './batch';

export const departmentSetCommand = defineCommand({
  name: ['department', 'set'],
  summary: '设置单位的文书信息：机关代字、联系人和电话、行政复议机关、人民法院、各类文书的发文字号格式（系统管理员）',
  details: [
    `--doc-no 文书=格式 可多次给出；文书为 ${LETTER_KINDS.map((k) => `${k}（${LETTER_TITLES[k]}）`).join('、')}。`,
    '格式用 {year} 表示年份、{n} 表示序号（不补零），如 栾市监信复〔{year}〕{n}号；序号按文书种类和年份连续编排，出具时取号，不重复使用。格式为空时恢复默认（机关代字 + 信受/信不受/信补/信异决/信复决/信告）。',
    '未给出的选项保持不变。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    'short-name': { type: 'string', value: '代字', description: '机关代字（发文字号的开头），如 栾市监' },
    'contact-person': { type: 'string', value: '姓名', description: '文书上的联系人' },
    'contact-phone': { type: 'string', value: '电话', description: '文书上的联系电话' },
    'reconsideration-body': { type: 'string', value: '机关', description: '行政复议机关，如 石家庄市栾城区人民政府' },
    court: { type: 'string', value: '法院', description: '提起行政诉讼的人民法院，如 石家庄市栾城区人民法院' },
    'doc-no': { type: 'string', value: '文书=格式', description: '某类文书的发文字号格式，可多次给出', multiple: true },
  },
  examples: [`${PASSWORD_ENV}=… credit-desk department set --db 信用.db --as admin --short-name 栾市监 --reconsideration-body 石家庄市栾城区人民政府 --court 石家庄市栾城区人民法院 --doc-no repair-decision=栾市监信复〔{year}〕{n}号`],

  async run(ctx) {
    const { args } = ctx;
    const docNoPatterns: Record<string, string> = {};
    for (const pair of args.all('doc-no')) {
      const at = pair.indexOf('=');
      if (at <= 0) throw usage(`--doc-no 应写作 文书=格式：${pair}`);
      const kind = pair.slice(0, at).trim();
      if (!(LETTER_KINDS as readonly string[]).includes(kind)) throw usage(`--doc-no 的文书应为 ${LETTER_KINDS.join('、')}：${kind}`);
      docNoPatterns[kind] = pair.slice(at + 1).trim();
    }
    type Option = 'short-name' | 'contact-person' | 'contact-phone' | 'reconsideration-body' | 'court';
    const given = <K extends string>(option: Option, key: K) => (args.get(option) === undefined ? {} : ({ [key]: args.need(option) } as Record<K, string>));
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const current = await desk.call('department.get', {});
        const input = {
          name: current.name,
          uscc: current.uscc,
          regionCode: current.regionCode,
          contactPerson: current.contactPerson,
          contactPhone: current.contactPhone,
          ...given('contact-person', 'contactPerson'),
          ...given('contact-phone', 'contactPhone'),
          ...given('short-name', 'shortName'),
          ...given('reconsideration-body', 'reconsiderationBody'),
          ...given('court', 'court'),
          ...(Object.keys(docNoPatterns).length ? { docNoPatterns } : {}),
        };
        await checkInput('department.update', input);
        const d = await desk.call('department.update', input);
        return { data: { department: d }, text: `已保存单位的文书信息。\n\n${departmentText(d)}` };
      }),
    );
  },
});

/** The letter settings in words (also under `info`). */
export function departmentText(d: { shortName: string; contactPerson: string; contactPhone: string; reconsiderationBody: string; court: string; docNoPatterns: Record<string, string>; name: string }): string {
  const pattern = (k: (typeof LETTER_KINDS)[number]) => d.docNoPatterns[k] || `${d.shortName || d.name}${{ acceptance: '信受', refusal: '信不受', materials: '信补', 'objection-decision': '信异决', 'repair-decision': '信复决', 'repair-notice': '信告' }[k]}〔{year}〕{n}号（默认）`;
  return fields([
    ['机关代字', d.shortName || `—（用单位名称）`],
    ['联系人', d.contactPerson || '—'],
    ['联系电话', d.contactPhone || '—'],
    ['行政复议机关', d.reconsiderationBody || '—'],
    ['人民法院', d.court || '—'],
    ...LETTER_KINDS.map((k) => [`${LETTER_TITLES[k]}字号`, pattern(k)] as [string, string]),
  ]);
}
