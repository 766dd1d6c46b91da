/**
 * Demo credit records: N realistic, VALID records over the five categories, for
 * trying the app and for benchmarks (`demo --records N`, `npm start -- --demo`,
 * `npm run bench`). Not a contract method: a local administration tool that runs
 * on an open desk, writes through `insertRecord` in transactions of `batchSize`
 * and leaves one audit entry.
 *
 * Deterministic: the same seed, count and "today" give the same records.
 * Every generated row goes through `validateRecord` (so demo data obeys the
 * catalogue) and a row that does not pass is a bug here: generation stops with
 * the row and its errors.
 *
 * What is generated (realistic for a district in Hebei, 石家庄市栾城区 130111):
 * - subjects: companies (region + 2-character brand + trade + 有限公司/有限责任公司,
 *   91-prefixed 统一社会信用代码), cooperatives (93), 个体工商户 (92-prefixed codes,
 *   "栾城区张记小吃店"), and 自然人 with a valid 身份证号 (real birth date, GB 11643
 *   check character). Codes carry valid GB 32100 and embedded 组织机构代码 check
 *   characters and are unique per subject; a subject keeps its name and code in
 *   every record it appears in, and busy subjects have several records.
 * - categories: 行政许可 ~40 %, 行政处罚 ~40 %, 信用承诺 ~10 %, 守信激励名单 ~6 %,
 *   严重失信主体名单 ~4 %; decision numbers such as 栾市监罚〔2026〕123号 numbered per
 *   issuing authority and year; decision dates over the last three years, oldest
 *   first; amounts in 万元.
 * - states: mostly 待报送 (pending), some 已接收 (accepted), 被退回 (rejected, with the
 *   platform's reason) and 草稿 (draft). Accepted and rejected records get their state
 *   as a platform receipt sets it (no new version); their `add` operation is marked
 *   as sent in "batch 0", which stands for the reporting done before the demo began.
 *
 * Meant for a fresh department (createDemoDepartment): run twice on one database,
 * the same seed gives the same decision numbers and the second run stops at the
 * first duplicate.
 */
import { DEMO_DEPARTMENT } from './people';
import type { CompiledCategory } from '../catalog/compile';
import { publicationForRecord } from '../catalog/publication';
import { getCompiledCategory } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { validateRecord } from '../catalog/validate';
import type { Desk } from '../desk';
import { idCardCheckChar } from '../identifiers/idcard';
import { orgCodeCheckChar, usccCheckChar } from '../identifiers/uscc';
import { count } from 'drizzle-orm';
import { subjects as subjectTable } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement } from '../store/sql';
import { insertRecord } from '../records/service';

export const DEMO_RECORDS_SEED = 20260401;

export interface DemoRecordsOptions {
  count: number;
  /** PRNG seed (default DEMO_RECORDS_SEED). */
  seed?: number;
  /** "Today" (`YYYY-MM-DD`): decision dates fall in the three years before it. Default: the desk's clock. */
  today?: string;
  /** Login recorded as the records' author (default: the logged-in person). */
  by?: string;
  /** Records per transaction (default 10,000). */
  batchSize?: number;
  /** Called after every transaction. */
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface DemoRecordsResult {
  created: number;
  byCategory: Record<string, number>;
  byState: Record<string, number>;
  subjects: number;
  tookMs: number;
}

export type DemoState = 'draft' | 'pending' | 'accepted' | 'rejected';

/** One generated record before validation: raw values in the category's field order (`fieldOrder`). */
export interface DemoRow {
  category: string;
  state: DemoState;
  cells: (string | null)[];
}

// ---------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, correct 32-bit PRNG (all arithmetic in 32-bit integers). Values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of two integers (for per-subject seeds). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Picks by weight: [[value, weight], …]. */
function weighted<T>(r: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1][0];
}

// ---------------------------------------------------------------------------
// Identifiers

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 with valid check characters: `${authority}${kind}${region}${org body}${org check}${check}`. */
export function makeUscc(prefix2: string, region: string, orgBody8: string): string {
  const orgCheck = orgCodeCheckChar(orgBody8);
  if (orgCheck === null) throw new Error(`组织机构代码本体无效：${orgBody8}`);
  const first17 = `${prefix2}${region}${orgBody8}${orgCheck}`;
  return first17 + usccCheckChar(first17);
}

/**
 * A unique 8-character 组织机构代码 body for subject `k`: older numeric codes for
 * a quarter of the subjects, newer `MA…` codes for the rest. Both are bijections
 * of k (multipliers coprime with the modulus), and the two forms never meet.
 */
function orgBody(k: number): string {
  if (k % 4 === 0) {
    const v = (Math.floor(k / 4) * 48271 + 1_234_567) % 100_000_000;
    return String(v).padStart(8, '0');
  }
  const space = 31 ** 6;
  let v = (((k - Math.floor(k / 4) - 1) % space) * 7919 + 104_729) % space;
  let s = '';
  for (let i = 0; i < 6; i++) {
    s = USCC_ALPHABET[v % 31] + s;
    v = Math.floor(v / 31);
  }
  return `MA${s}`;
}

/** 居民身份证号 with a real birth date and the GB 11643 check character. */
export function makeIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

// ---------------------------------------------------------------------------
// Places, names and authorities

/** 石家庄市 districts and counties (GB/T 2260). */
const REGIONS: readonly (readonly [code: string, name: string, short: string])[] = [
  ['130111', '栾城区', '栾城'],
  ['130102', '长安区', '长安'],
  ['130104', '桥西区', '桥西'],
  ['130105', '新华区', '新华'],
  ['130108', '裕华区', '裕华'],
  ['130109', '藁城区', '藁城'],
  ['130110', '鹿泉区', '鹿泉'],
  ['130121', '井陉县', '井陉'],
  ['130123', '正定县', '正定'],
  ['130125', '行唐县', '行唐'],
  ['130126', '灵寿县', '灵寿'],
  ['130127', '高邑县', '高邑'],
  ['130129', '赞皇县', '赞皇'],
  ['130130', '无极县', '无极'],
  ['130131', '平山县', '平山'],
  ['130132', '元氏县', '元氏'],
  ['130133', '赵县', '赵县'],
  ['130181', '辛集市', '辛集'],
  ['130183', '晋州市', '晋州'],
  ['130184', '新乐市', '新乐'],
];
/** Most subjects are local: the department's own district first. */
const pickRegion = (r: Rand) => (r() < 0.55 ? REGIONS[0] : pick(r, REGIONS));

/** Birth places of natural persons (other provinces too). */
const BIRTH_REGIONS = ['130111', '130102', '130104', '130105', '130108', '130123', '130133', '130181', '130602', '130203', '131102', '410102', '370102', '140105', '110105', '120104'];

const BRAND_CHARS = '恒瑞华信鑫盛泰德利昌达源丰通安博宏远嘉诚正元中天金宝祥和兴隆汇聚新辰永康润泽晨光明辉鼎旭凯骏锦绣翔宇航佳卓越冀燕赵太行滹沱荣发隆基茂林森顺亿万众创联合美格';
const TRADES = [
  '商贸', '建材', '食品', '餐饮管理', '医药', '物流', '电子科技', '农业开发', '汽车销售', '物业服务',
  '建筑工程', '机械设备', '化工', '纺织', '印刷', '家具', '环保科技', '信息技术', '房地产开发', '劳务派遣',
  '装饰工程', '广告传媒', '酒店管理', '教育咨询', '生物科技', '塑料制品', '钢材贸易', '五金机电', '服装', '文化传播',
  '超市', '药房连锁', '粮油贸易', '再生资源回收', '运输', '工程机械租赁', '建筑劳务', '门窗', '食品加工', '农产品',
];
const COMPANY_PREFIXES = ['石家庄市栾城区', '石家庄', '河北', '石家庄市', '河北省'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰建国红梅志文斌辉鹏飞宇浩然欣怡子涵雨轩晨阳佳琪俊峰海燕凤霞立新振东春生秀兰淑珍';
const SHOPS = [
  ['小吃店', '餐饮'], ['便利店', '零售'], ['五金店', '零售'], ['烟酒店', '零售'], ['理发店', '服务'], ['汽车修理部', '服务'],
  ['蔬菜水果店', '零售'], ['烧烤店', '餐饮'], ['面馆', '餐饮'], ['副食部', '零售'], ['建材商行', '零售'], ['药店', '零售'],
  ['手机维修部', '服务'], ['农资门市', '零售'], ['洗车行', '服务'], ['母婴用品店', '零售'], ['快餐店', '餐饮'], ['电动车行', '零售'],
] as const;
const CROPS = ['蔬菜种植', '果品', '小麦种植', '中药材种植', '养殖', '食用菌', '农机服务', '花卉苗木'];

/** Issuing authorities of the demo department's district, with their decision-number abbreviations. */
interface Authority {
  name: string;
  abbr: string;
  uscc: string;
  kind: 'market' | 'safety' | 'env' | 'urban' | 'health' | 'transport' | 'tax';
}
const AUTHORITIES: Authority[] = (
  [
    ['石家庄市栾城区市场监督管理局', '栾市监', 'market'],
    ['石家庄市栾城区应急管理局', '栾应急', 'safety'],
    ['石家庄市生态环境局栾城区分局', '石环栾', 'env'],
    ['石家庄市栾城区城市管理综合行政执法局', '栾城管', 'urban'],
    ['石家庄市栾城区卫生健康局', '栾卫健', 'health'],
    ['石家庄市栾城区交通运输局', '栾交运', 'transport'],
    ['国家税务总局石家庄市栾城区税务局', '栾税', 'tax'],
  ] as const
  // The market regulator is the demo department itself (its code): its records' cases are decided here (谁认定、谁修复).
).map(([name, abbr, kind], i) => ({ name, abbr, kind, uscc: kind === 'market' ? DEMO_DEPARTMENT.uscc : makeUscc('11', '130111', String(13_011_100 + i * 37).padStart(8, '0')) }));
const byKind = (k: Authority['kind']) => AUTHORITIES.find((a) => a.kind === k)!;

// ---------------------------------------------------------------------------
// Subjects

export interface DemoSubject {
  type: '法人及非法人组织' | '个体工商户' | '自然人';
  name: string;
  uscc: string | null;
  idNumber: string | null;
  legalRep: string | null;
}

function personName(r: Rand): string {
  const given = r() < 0.65 ? GIVEN_CHARS[int(r, GIVEN_CHARS.length)] + GIVEN_CHARS[int(r, GIVEN_CHARS.length)] : GIVEN_CHARS[int(r, GIVEN_CHARS.length)];
  return SURNAMES[int(r, SURNAMES.length)] + given;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;
const BIRTH_FROM = Date.UTC(1955, 0, 1);
const BIRTH_DAYS = Math.floor((Date.UTC(2004, 11, 31) - BIRTH_FROM) / DAY) + 1;

/** Subject `k` of the pool: the same k always gives the same name and code. */
export function demoSubject(seed: number, k: number): DemoSubject {
  const r = mulberry32(mix(seed, k));
  const kind = weighted(r, [
    ['company', 66],
    ['cooperative', 2],
    ['individual-business', 22],
    ['person', 10],
  ] as const);
  const [regionCode, regionName, regionShort] = pickRegion(r);
  if (kind === 'person') {
    // Unique per k: birth day and sequence number come from k itself.
    const birth = ymd(new Date(BIRTH_FROM + ((k * 7919) % BIRTH_DAYS) * DAY));
    const seq = 1 + (Math.floor(k / BIRTH_DAYS) % 999);
    return { type: '自然人', name: personName(r), uscc: null, idNumber: makeIdNumber(pick(r, BIRTH_REGIONS), birth, seq), legalRep: null };
  }
  if (kind === 'individual-business') {
    const [shop] = pick(r, SHOPS);
    const owner = r() < 0.4 ? `${SURNAMES[int(r, SURNAMES.length)]}记` : personName(r);
    const place = r() < 0.3 ? `石家庄市${regionName}` : regionName;
    return { type: '个体工商户', name: `${place}${owner}${shop}`, uscc: makeUscc('92', regionCode, orgBody(k)), idNumber: null, legalRep: null };
  }
  const brand = BRAND_CHARS[int(r, BRAND_CHARS.length)] + BRAND_CHARS[int(r, BRAND_CHARS.length)];
  if (kind === 'cooperative') {
    return { type: '法人及非法人组织', name: `${regionShort}${brand}${pick(r, CROPS)}专业合作社`, uscc: makeUscc('93', regionCode, orgBody(k)), idNumber: null, legalRep: personName(r) };
  }
  const prefix = regionCode === '130111' ? pick(r, COMPANY_PREFIXES) : pick(r, [`石家庄市${regionName}`, '石家庄', '河北', `${regionShort}`]);
  const suffix = weighted(r, [
    ['有限公司', 70],
    ['有限责任公司', 24],
    ['股份有限公司', 4],
    ['商贸中心', 2],
  ] as const);
  return { type: '法人及非法人组织', name: `${prefix}${brand}${pick(r, TRADES)}${suffix}`, uscc: makeUscc('91', regionCode, orgBody(k)), idNumber: null, legalRep: personName(r) };
}

// ---------------------------------------------------------------------------
// Category contents

const VIOLATIONS: Record<Authority['kind'], readonly (readonly [violation: string, basis: string])[]> = {
  market: [
    ['销售超过保质期的食品', '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项'],
    ['未按规定公示年度报告', '《企业信息公示暂行条例》第十八条'],
    ['使用未经检定的计量器具', '《中华人民共和国计量法实施细则》第四十三条'],
    ['发布虚假广告', '《中华人民共和国广告法》第五十五条第一款'],
    ['未建立进货查验记录制度', '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项'],
    ['销售不合格产品', '《中华人民共和国产品质量法》第四十九条'],
    ['无照经营', '《无证无照经营查处办法》第十三条'],
    ['价格违法行为', '《价格违法行为行政处罚规定》第七条'],
  ],
  safety: [
    ['未按规定对从业人员进行安全生产教育和培训', '《中华人民共和国安全生产法》第九十七条第（三）项'],
    ['未对安全设备进行经常性维护保养', '《中华人民共和国安全生产法》第九十九条第（三）项'],
    ['生产经营场所安全出口不符合要求', '《中华人民共和国安全生产法》第一百零五条第（二）项'],
  ],
  env: [
    ['超过大气污染物排放标准排放大气污染物', '《中华人民共和国大气污染防治法》第九十九条第（二）项'],
    ['未依法取得排污许可证排放污染物', '《排污许可管理条例》第三十三条第（一）项'],
    ['露天焚烧垃圾', '《中华人民共和国大气污染防治法》第一百一十九条第二款'],
  ],
  urban: [
    ['擅自占用城市道路', '《城市道路管理条例》第四十二条'],
    ['未按规定设置户外广告', '《河北省城市市容和环境卫生条例》第五十五条'],
    ['运输渣土车辆沿途撒漏', '《城市市容和环境卫生管理条例》第三十四条'],
  ],
  health: [
    ['未取得卫生许可证从事公共场所经营', '《公共场所卫生管理条例实施细则》第三十五条'],
    ['从业人员未取得健康合格证明', '《公共场所卫生管理条例实施细则》第三十八条'],
  ],
  transport: [
    ['未取得道路运输经营许可擅自从事道路运输经营', '《中华人民共和国道路运输条例》第六十三条'],
    ['货运车辆超限运输', '《公路安全保护条例》第六十四条'],
  ],
  tax: [
    ['未按照规定期限办理纳税申报', '《中华人民共和国税收征收管理法》第六十二条'],
    ['未按照规定开具发票', '《中华人民共和国发票管理办法》第三十五条'],
  ],
};

const LICENSES = [
  { kind: 'market', ws: '食品经营许可决定书', cert: '食品经营许可证', no: 'JY1', lb: '普通', nr: '预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售', years: 5 },
  { kind: 'market', ws: '准予设立登记通知书', cert: '营业执照', no: 'DJ', lb: '登记', nr: '企业设立登记', years: 30 },
  { kind: 'market', ws: '药品经营许可决定书', cert: '药品经营许可证', no: '冀CB', lb: '普通', nr: '中成药、化学药制剂、抗生素制剂、生物制品（除疫苗）零售', years: 5 },
  { kind: 'market', ws: '特种设备使用登记决定书', cert: '特种设备使用登记证', no: '梯', lb: '登记', nr: '乘客电梯使用登记', years: 10 },
  { kind: 'health', ws: '公共场所卫生许可决定书', cert: '卫生许可证', no: '冀卫公证字', lb: '普通', nr: '住宿业、美容美发场所卫生许可', years: 4 },
  { kind: 'env', ws: '排污许可决定书', cert: '排污许可证', no: 'PW', lb: '普通', nr: '重点管理排污单位排放污染物', years: 5 },
  { kind: 'transport', ws: '道路运输经营许可决定书', cert: '道路运输经营许可证', no: '冀交运管许可石字', lb: '普通', nr: '道路普通货物运输', years: 4 },
  { kind: 'urban', ws: '城市建筑垃圾处置核准决定书', cert: '建筑垃圾处置核准证', no: 'JZLJ', lb: '核准', nr: '建筑垃圾运输处置核准', years: 1 },
] as const;

const PENALTY_KINDS: readonly (readonly [readonly string[], number])[] = [
  [['警告'], 14],
  [['罚款'], 44],
  [['警告', '罚款'], 12],
  [['罚款', '没收违法所得'], 16],
  [['没收非法财物', '罚款'], 4],
  [['责令停产停业', '罚款'], 4],
  [['通报批评'], 3],
  [['吊销许可证件', '罚款'], 2],
  [['暂扣许可证件'], 1],
];

const REDLISTS = [
  ['纳税信用A级纳税人', '年度纳税信用评价结果为A级', '《纳税信用管理办法（试行）》第二十条', 'tax'],
  ['守合同重信用企业', '连续两年合同履约情况良好，无违法失信记录', '《河北省守合同重信用企业公示管理办法》第八条', 'market'],
  ['诚信经营示范单位', '经营规范、消费投诉处理及时，被评为诚信经营示范单位', '《石家庄市诚信经营示范单位评选办法》第六条', 'market'],
  ['安全生产诚信企业', '安全生产标准化达标，三年内未发生生产安全事故', '《安全生产诚信评价管理办法》第十二条', 'safety'],
] as const;

const BLACKLISTS = [
  ['市场监督管理严重违法失信名单', '《市场监督管理严重违法失信名单管理办法》第九条', '实施严重违法行为，受到较重行政处罚', '依法限制参加政府采购、限制获得表彰奖励、加强日常监管检查', 'market'],
  ['重大税收违法失信主体', '《重大税收违法失信主体信息公布管理办法》第六条', '虚开增值税专用发票', '依法限制出境、限制取得政府供应土地、提高监督检查频次', 'tax'],
  ['安全生产严重失信主体名单', '《安全生产严重失信主体名单管理办法》第七条', '发生较大生产安全事故', '列为重点监管对象，限制享受财政资金支持', 'safety'],
  ['拖欠农民工工资失信联合惩戒对象名单', '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条', '克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准', '限制政府资金支持、政府采购、招投标、融资贷款等', 'market'],
] as const;

const COMMITMENTS = [
  ['审批替代型', '食品经营许可告知承诺', '本单位已知晓食品经营许可的条件、标准和要求，承诺符合上述条件，并在规定期限内提交相关材料。', 'market'],
  ['审批替代型', '公共场所卫生许可告知承诺', '本单位承诺经营场所符合公共场所卫生标准和要求，从业人员均已取得健康合格证明。', 'health'],
  ['主动型', '诚信经营承诺', '本单位承诺依法诚信经营，不制售假冒伪劣商品，自觉接受社会监督。', 'market'],
  ['行业自律型', '行业自律承诺', '本单位承诺遵守行业自律公约，公平竞争，不实施价格欺诈等不正当竞争行为。', 'market'],
  ['信用修复型', '信用修复承诺', '本单位承诺已纠正失信行为、履行法定义务，今后依法诚信经营，如有违反自愿接受约束和惩戒。', 'market'],
] as const;

/** The share of each category (about 40 % each for 行政许可 and 行政处罚). */
const CATEGORY_WEIGHTS = [
  ['license', 40],
  ['penalty', 40],
  ['commitment', 10],
  ['redlist', 6],
  ['blacklist', 4],
] as const;

const FULFILMENT = [
  ['履约中', 70],
  ['已履约', 25],
  ['未履约', 5],
] as const;

const STATE_WEIGHTS = [
  ['pending', 70],
  ['accepted', 17],
  ['rejected', 5],
  ['draft', 8],
] as const satisfies readonly (readonly [DemoState, number])[];

const REJECTIONS = [
  { code: '1001', message: '行政相对人名称与统一社会信用代码不匹配' },
  { code: '1003', message: '处罚决定日期晚于报送日期' },
  { code: '2002', message: '数据来源单位统一社会信用代码与报送单位不一致' },
];

const amount = (yuan: number) => String(Math.round(yuan) / 10_000);

/** Dates as day numbers (days since 1970-01-01, UTC); their text is cached. */
const dayText = new Map<number, string>();
function ymdOfDay(day: number): string {
  let s = dayText.get(day);
  if (s === undefined) dayText.set(day, (s = ymd(new Date(day * DAY))));
  return s;
}
/** The day before the same date `years` later (a period of whole years). */
const periodEnd = new Map<number, string>();
function yearsAfter(day: number, years: number): string {
  const key = day * 64 + years;
  let s = periodEnd.get(key);
  if (s === undefined) {
    const d = new Date(day * DAY);
    d.setUTCFullYear(d.getUTCFullYear() + years);
    d.setUTCDate(d.getUTCDate() - 1);
    periodEnd.set(key, (s = ymd(d)));
  }
  return s;
}
const chineseMonth = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月`;

/** A positional row (the category's field order, as validateRecord reads fastest), filled by field code. */
class RowBuilder {
  readonly cells: (string | null)[];
  constructor(private readonly c: CompiledCategory) {
    this.cells = new Array<string | null>(c.fields.length).fill(null);
  }
  set(code: string, value: string | null | undefined): void {
    const i = this.c.order.get(code);
    if (i === undefined) throw new Error(`演示数据生成器：类别“${this.c.def.name}”没有字段 ${code}`);
    if (value !== null && value !== undefined) this.cells[i] = value;
  }
  /** The identity block (prefix `CF`, `XK`, …). */
  subject(p: string, s: DemoSubject): void {
    this.set(`${p}_XDR_MC`, s.name);
    this.set(`${p}_XDR_LB`, s.type);
    this.set(`${p}_XDR_SHXYM`, s.uscc);
    if (s.idNumber) {
      this.set(`${p}_XDR_ZJLX`, '身份证');
      this.set(`${p}_XDR_ZJHM`, s.idNumber);
    }
    this.set(`${p}_FRDB`, s.legalRep);
  }
}

/** A row's values keyed by field code (for reading a generated row). */
export function demoRowValues(row: DemoRow): Record<string, string> {
  const out: Record<string, string> = {};
  getCompiledCategory(row.category).fields.forEach((f, i) => {
    const v = row.cells[i];
    if (v !== null) out[f.code] = v;
  });
  return out;
}

const PENALTY_AUTHORITIES = [
  [byKind('market'), 60],
  [byKind('safety'), 10],
  [byKind('env'), 10],
  [byKind('urban'), 10],
  [byKind('health'), 4],
  [byKind('transport'), 4],
  [byKind('tax'), 2],
] as const;
const PERSON_LICENSES = LICENSES.filter((l) => l.kind === 'transport' || l.kind === 'health');

/**
 * The generator proper: a deterministic sequence of raw rows (not yet validated).
 * Subjects come from a pool of about 0.6 × count; a twentieth of the pool is
 * "busy" and draws about 30 % of the records.
 */
export function* demoRows(options: { count: number; seed?: number; today: string }): Generator<DemoRow> {
  const seed = options.seed ?? DEMO_RECORDS_SEED;
  const r = mulberry32(seed);
  const pool = Math.max(20, Math.round(options.count * 0.6));
  const busy = Math.max(1, Math.floor(pool / 20));
  const lastDay = Math.floor(Date.parse(`${options.today}T00:00:00Z`) / DAY);
  const spanDays = 3 * 365;
  const compiled = new Map(CATEGORY_WEIGHTS.map(([key]) => [key, getCompiledCategory(key)]));
  const counters = new Map<string, number>();
  const next = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  for (let j = 0; j < options.count; j++) {
    const k = r() < 0.3 ? int(r, busy) : int(r, pool);
    const s = demoSubject(seed, k);
    const category = weighted(r, CATEGORY_WEIGHTS);
    const state = weighted(r, STATE_WEIGHTS);
    // Oldest first: record ids grow with the decision date, with a few days' jitter.
    const day = Math.min(lastDay, lastDay - spanDays + Math.floor(((j + 0.5) / options.count) * spanDays) - int(r, 5));
    const date = ymdOfDay(day);
    const year = date.slice(0, 4);
    const b = new RowBuilder(compiled.get(category)!);

    if (category === 'penalty') {
      const auth = weighted(r, PENALTY_AUTHORITIES);
      const [violation, basis] = pick(r, VIOLATIONS[auth.kind]);
      const kinds = weighted(r, PENALTY_KINDS);
      const small = s.type === '自然人' || s.type === '个体工商户';
      // Fines in yuan: mostly a few thousand; persons and 个体工商户 smaller.
      const size = r();
      const fineYuan = !kinds.includes('罚款') ? 0 : small ? 100 + int(r, 50) * 100 : size < 0.7 ? 2000 + int(r, 49) * 1000 : size < 0.95 ? 50_000 + int(r, 46) * 10_000 : 500_000 + int(r, 20) * 100_000;
      const gainsYuan = kinds.includes('没收违法所得') ? 200 + int(r, 200) * 50 : 0;
      const content: string[] = [];
      if (kinds.includes('警告')) content.push('警告');
      if (kinds.includes('通报批评')) content.push('通报批评');
      if (fineYuan) content.push(`罚款人民币${fineYuan}元`);
      if (gainsYuan) content.push(`没收违法所得${gainsYuan}元`);
      if (kinds.includes('没收非法财物')) content.push('没收涉案物品');
      if (kinds.includes('责令停产停业')) content.push('责令停产停业三个月');
      if (kinds.includes('吊销许可证件')) content.push('吊销许可证件');
      if (kinds.includes('暂扣许可证件')) content.push('暂扣许可证件三个月');
      b.subject('CF', s);
      b.set('CF_WSH', `${auth.abbr}罚〔${year}〕${next(`${auth.abbr}罚${year}`)}号`);
      b.set('CF_WFXW', violation);
      b.set('CF_SY', `经查，当事人自${chineseMonth(date)}起存在${violation}的违法行为。执法人员依法现场检查并立案调查，违法事实清楚，证据确凿。`);
      b.set('CF_YJ', basis);
      b.set('CF_CFLB', kinds.join(';'));
      b.set('CF_NR', content.join('，'));
      if (fineYuan) b.set('CF_NR_FK', amount(fineYuan));
      if (gainsYuan) b.set('CF_NR_WFFF', amount(gainsYuan));
      if (kinds.includes('吊销许可证件') || kinds.includes('暂扣许可证件')) {
        b.set('CF_NR_ZKDX', `食品经营许可证 JY1${s.uscc?.slice(2, 8) ?? '130111'}${String(next('JY-no')).padStart(7, '0')}`);
      }
      b.set('CF_JDRQ', date);
      b.set('CF_YXQ', yearsAfter(day, kinds.includes('吊销许可证件') ? 3 : 1));
      b.set('CF_CFJG', auth.name);
      b.set('CF_CFJGDM', auth.uscc);
      b.set('CF_SJLY', auth.name);
      b.set('CF_SJLYDM', auth.uscc);
    } else if (category === 'license') {
      const lic = pick(r, s.type === '自然人' ? PERSON_LICENSES : LICENSES);
      const auth = byKind(lic.kind);
      const licenceNo =
        lic.no === 'JY1' ? `JY1${s.uscc?.slice(2, 8) ?? '130111'}${String(next('JY-no')).padStart(7, '0')}` : `${lic.no}${year}${String(next(lic.no)).padStart(6, '0')}`;
      b.subject('XK', s);
      b.set('XK_XKWS', lic.ws);
      // One in five without a 文书号: the 许可编号 stands in for it.
      b.set('XK_WSH', r() < 0.2 ? licenceNo : `${auth.abbr}许〔${year}〕${next(`${auth.abbr}许${year}`)}号`);
      b.set('XK_XKLB', lic.lb);
      b.set('XK_XKZS', lic.cert);
      b.set('XK_XKBH', licenceNo);
      b.set('XK_NR', lic.nr);
      b.set('XK_JDRQ', date);
      b.set('XK_YXQZ', date);
      b.set('XK_YXQZI', yearsAfter(day, lic.years));
      b.set('XK_XKJG', auth.name);
      b.set('XK_XKJGDM', auth.uscc);
      b.set('XK_ZT', '1');
      b.set('XK_LYDW', auth.name);
      b.set('XK_LYDWDM', auth.uscc);
    } else if (category === 'redlist') {
      const [list, reason, basis, kind] = pick(r, REDLISTS);
      const auth = byKind(kind);
      b.subject('HMD', s);
      b.set('HMD_MDMC', list);
      b.set('HMD_RDWH', `${auth.abbr}信〔${year}〕${next(`${auth.abbr}信${year}`)}号`);
      b.set('HMD_LRYY', reason);
      b.set('HMD_RDYJ', basis);
      b.set('HMD_LRRQ', date);
      b.set('HMD_YXQZ', yearsAfter(day, 1 + int(r, 3)));
      b.set('HMD_RDDW', auth.name);
      b.set('HMD_RDDWDM', auth.uscc);
      b.set('HMD_ZT', '1');
      b.set('HMD_SJLY', auth.name);
      b.set('HMD_SJLYDM', auth.uscc);
    } else if (category === 'blacklist') {
      const [list, basis, conduct, measures, kind] = pick(r, BLACKLISTS);
      const auth = byKind(kind);
      b.subject('SXMD', s);
      b.set('SXMD_MDMC', list);
      b.set('SXMD_RDWH', `${auth.abbr}失信〔${year}〕${next(`${auth.abbr}失信${year}`)}号`);
      b.set('SXMD_RDYJ', basis);
      b.set('SXMD_SXXW', conduct);
      b.set('SXMD_CJCS', measures);
      b.set('SXMD_LRRQ', date);
      b.set('SXMD_YCTJ', '列入满三年且已纠正失信行为、履行相关义务的，可申请移出');
      b.set('SXMD_RDDW', auth.name);
      b.set('SXMD_RDDWDM', auth.uscc);
      b.set('SXMD_ZT', '1');
      b.set('SXMD_SJLY', auth.name);
      b.set('SXMD_SJLYDM', auth.uscc);
    } else {
      const [kindName, matter, content, kind] = pick(r, COMMITMENTS);
      const auth = byKind(kind);
      b.subject('CN', s);
      b.set('CN_CNBH', `CN130111${year}${String(next(`CN${year}`)).padStart(6, '0')}`);
      b.set('CN_CNLX', kindName);
      b.set('CN_CNSX', matter);
      b.set('CN_CNNR', content);
      b.set('CN_CNRQ', date);
      b.set('CN_YXQZ', yearsAfter(day, 1 + int(r, 3)));
      b.set('CN_SLDW', auth.name);
      b.set('CN_SLDWDM', auth.uscc);
      b.set('CN_LYZT', weighted(r, FULFILMENT));
      b.set('CN_ZT', '1');
      b.set('CN_SJLY', auth.name);
      b.set('CN_SJLYDM', auth.uscc);
    }
    yield { category, state, cells: b.cells };
  }
}

// ---------------------------------------------------------------------------
// Writing

// Per generated record (up to a million): prepared statements.
// "Batch 0": reported before the demo began (there is no batches row for it).
const markSent = statement<never, [number]>('demo.markSent', 'UPDATE report_ops SET batch_id = 0 WHERE record_id = ? AND batch_id IS NULL');
// As a platform receipt does it (batches/receipt.ts applyReceipt): the state and the rejection, no new version.
const markAnswered = statement<never, [string, string | null, number]>('demo.markAnswered', 'UPDATE records SET state = ?, rejection = ? WHERE id = ?');

/** Gives a freshly inserted pending record the platform's answer (accepted or rejected). */
function answer(db: SqliteDatabase, id: number, state: 'accepted' | 'rejected', rejection: { code: string; message: string } | null): void {
  markSent.run(db, id);
  markAnswered.run(db, state, rejection ? JSON.stringify(rejection) : null, id);
}

const subjectCount = (db: SqliteDatabase) => orm(db).select({ n: count() }).from(subjectTable).all()[0].n;

/** Thrown when a generated row fails validation: a bug in the generator, never ignored. */
export class DemoDataError extends Error {
  constructor(
    message: string,
    readonly row: DemoRow,
    readonly errors: unknown[],
  ) {
    super(message);
    this.name = 'DemoDataError';
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Generates and writes `count` demo records on an open desk (someone logged in),
 * in transactions of `batchSize`, with one audit entry (`demo.records`) at the
 * end — or one with outcome `error` and the number written when it stops.
 */
export async function generateDemoRecords(desk: Desk, options: DemoRecordsOptions): Promise<DemoRecordsResult> {
  const started = performance.now();
  const db = desk.db;
  const count = Math.max(0, Math.floor(options.count));
  const seed = options.seed ?? DEMO_RECORDS_SEED;
  const today = options.today ?? desk.now().toISOString().slice(0, 10);
  const by = options.by ?? desk.login ?? 'demo';
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  const compiled = new Map<string, CompiledCategory>();
  const compiledFor = (key: string) => {
    let c = compiled.get(key);
    if (!c) compiled.set(key, (c = getCompiledCategory(key)));
    return c;
  };
  const byCategory: Record<string, number> = {};
  const byState: Record<string, number> = {};
  const subjectsBefore = subjectCount(db);
  let created = 0;

  const writeBatch = db.transaction((rows: DemoRow[]) => {
    const at = desk.now().toISOString();
    for (const row of rows) {
      const c = compiledFor(row.category);
      const result = validateRecord(c, row.cells, { today });
      if (!result.ok) {
        throw new DemoDataError(`生成的演示记录未通过校验（${c.def.name}）：${result.errors.map((e) => e.message).join('；')}`, row, result.errors);
      }
      const values: RecordValues = result.values;
      const publication = c.def.publication ? publicationForRecord(c.key, values, { asOf: today, explain: false }) : null;
      const deadline = c.def.publication?.deadlineField;
      if (publication && deadline && !values[deadline]) values[deadline] = publication.publicationEnds;
      const saved = insertRecord(db, c, values, row.state === 'draft' ? 'draft' : 'pending', { by, at, action: 'create', publication });
      if (row.state === 'accepted' || row.state === 'rejected') {
        answer(db, saved.id, row.state, row.state === 'rejected' ? REJECTIONS[saved.id % REJECTIONS.length] : null);
      }
      byCategory[row.category] = (byCategory[row.category] ?? 0) + 1;
      byState[row.state] = (byState[row.state] ?? 0) + 1;
    }
  });

  // A large page cache while writing (never smaller than the connection's): the
  // indexes are filled in random order and every page read back costs a decryption.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const wantKiB = Math.min(256 * 1024, Math.max(64 * 1024, Math.ceil(count / 4)));
  if (cacheBefore >= 0 || -cacheBefore < wantKiB) db.pragma(`cache_size = ${-wantKiB}`);
  try {
    let batch: DemoRow[] = [];
    for (const row of demoRows({ count, seed, today })) {
      batch.push(row);
      if (batch.length >= batchSize) {
        writeBatch(batch);
        created += batch.length;
        batch = [];
        // Still working: a million records take longer than the idle lock on a busy PC.
        desk.touch();
        options.progress?.(created, count);
        if (options.signal?.aborted) throw new Error(`已取消：已写入 ${created} 条演示记录。`);
        await yieldToEventLoop();
      }
    }
    if (batch.length > 0) {
      writeBatch(batch);
      created += batch.length;
      options.progress?.(created, count);
    }
  } catch (err) {
    desk.audit({ actor: desk.login, method: 'demo.records', target: 'records', outcome: 'error', detail: { requested: count, created, seed, message: err instanceof Error ? err.message : String(err) } });
    throw err;
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  const subjects = subjectCount(db) - subjectsBefore;
  desk.audit({ actor: desk.login, method: 'demo.records', target: 'records', outcome: 'ok', detail: { created, seed, today, by, byCategory, byState, subjects } });
  return { created, byCategory, byState, subjects, tookMs: Math.round(performance.now() - started) };
}
