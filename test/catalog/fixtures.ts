/** Valid rows for every shipped category, built from shared/reference/domain.md examples. */
export const USCC_VALID = ['91350200776049653A', '913502000728319549', '91230500MA1B3N1N2M', '91440101MA5CJQ4N59'] as const;
export const USCC_PILOT = '91350100M0001TGQXM';
export const ID_VALID = '11010519491231002X';
export const AUTHORITY_CODE = '913502000728319549';
export const TODAY = '2026-11-26';

export function licenseRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    XK_XDR_MC: '厦门某某食品有限公司',
    XK_XDR_LB: '法人及非法人组织',
    XK_XDR_SHXYM: '91350200776049653A',
    XK_FRDB: '王五',
    XK_XKWS: '食品经营许可决定书',
    XK_WSH: '厦食经许〔2025〕0001号',
    XK_XKLB: '普通',
    XK_XKZS: '食品经营许可证',
    XK_XKBH: 'JY13501020000001',
    XK_NR: '预包装食品销售',
    XK_JDRQ: '2025-01-02',
    XK_YXQZ: '2025-01-02',
    XK_YXQZI: '2030-01-01',
    XK_XKJG: '厦门市市场监督管理局',
    XK_XKJGDM: AUTHORITY_CODE,
    XK_ZT: '1',
    XK_LYDW: '厦门市市场监督管理局',
    XK_LYDWDM: AUTHORITY_CODE,
    ...over,
  };
}

export function penaltyRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CF_XDR_MC: '石家庄市栾城区某某商贸有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: '91440101MA5CJQ4N59',
    CF_FRDB: '李四',
    CF_WSH: '栾市监罚〔2025〕12号',
    CF_WFXW: '销售不符合食品安全标准的食品',
    CF_SY: '经查，当事人销售的食品经抽检不合格。',
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
    CF_CFLB: '罚款',
    CF_NR: '罚款人民币5000元',
    CF_NR_FK: '0.5',
    CF_JDRQ: '2025-03-15',
    CF_YXQ: '2099-12-31',
    CF_CFJG: '石家庄市栾城区市场监督管理局',
    CF_CFJGDM: AUTHORITY_CODE,
    CF_SJLY: '石家庄市栾城区市场监督管理局',
    CF_SJLYDM: AUTHORITY_CODE,
    ...over,
  };
}

export function personPenaltyRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return penaltyRow({
    CF_XDR_MC: '张三',
    CF_XDR_LB: '自然人',
    CF_XDR_SHXYM: '',
    CF_FRDB: '',
    CF_XDR_ZJLX: '身份证',
    CF_XDR_ZJHM: ID_VALID,
    ...over,
  });
}

export function redlistRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    HMD_XDR_MC: '哈尔滨某某科技有限公司',
    HMD_XDR_LB: '法人及非法人组织',
    HMD_XDR_SHXYM: '91230500MA1B3N1N2M',
    HMD_MDMC: '纳税信用A级纳税人',
    HMD_RDWH: '税总公告〔2025〕3号',
    HMD_LRYY: '连续三年纳税信用评价为A级',
    HMD_RDYJ: '《纳税信用管理办法》',
    HMD_LRRQ: '2025/04/01',
    HMD_YXQZ: '2026/03/31',
    HMD_RDDW: '某市税务局',
    HMD_RDDWDM: AUTHORITY_CODE,
    HMD_SJLY: '某市税务局',
    HMD_SJLYDM: AUTHORITY_CODE,
    ...over,
  };
}

export function blacklistRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SXMD_XDR_MC: '厦门某某贸易有限公司',
    SXMD_XDR_LB: '法人及非法人组织',
    SXMD_XDR_SHXYM: '913502000728319549',
    SXMD_MDMC: '重大税收违法失信主体',
    SXMD_RDWH: '厦税稽罚〔2025〕8号',
    SXMD_RDYJ: '《重大税收违法失信主体信息公布管理办法》',
    SXMD_SXXW: '虚开增值税专用发票',
    SXMD_CJCS: '限制取得政府供应土地',
    SXMD_LRRQ: '2025-05-20',
    SXMD_YCTJ: '公布期满三年',
    SXMD_YCRQ: '2028-05-20',
    SXMD_RDDW: '国家税务总局厦门市税务局稽查局',
    SXMD_RDDWDM: AUTHORITY_CODE,
    SXMD_SJLY: '国家税务总局厦门市税务局',
    SXMD_SJLYDM: AUTHORITY_CODE,
    ...over,
  };
}

export function commitmentRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CN_XDR_MC: '广州某某餐饮有限公司',
    CN_XDR_LB: '法人及非法人组织',
    CN_XDR_SHXYM: '91440101MA5CJQ4N59',
    CN_CNBH: 'CN-2025-000123',
    CN_CNLX: '审批替代型',
    CN_CNSX: '食品经营许可（告知承诺）',
    CN_CNNR: '本单位承诺所填报信息真实、准确，符合许可条件。',
    CN_CNRQ: '2025-06-01',
    CN_YXQZ: '2026-06-01',
    CN_SLDW: '广州市某区行政审批局',
    CN_SLDWDM: AUTHORITY_CODE,
    CN_LYZT: '履约中',
    CN_SJLY: '广州市某区行政审批局',
    CN_SJLYDM: AUTHORITY_CODE,
    ...over,
  };
}
