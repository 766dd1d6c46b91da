/**
 * Code lists, as data (domain.md §2). Values are what is stored and exported;
 * aliases are other spellings accepted on input.
 */
import type { CodeList } from './types';

/** 行政相对人类别. */
export const SUBJECT_TYPE_LIST: CodeList = {
  key: 'subject-type',
  name: '行政相对人类别',
  items: [
    { value: '法人及非法人组织', aliases: ['法人及其他组织', '法人', '非法人组织'] },
    { value: '自然人', aliases: ['个人'] },
    { value: '个体工商户', aliases: ['个体户'] },
  ],
};

/** 证件类型; `其他-…` names the kind. 身份证 numbers are checked by GB 11643. */
export const ID_TYPE_LIST: CodeList = {
  key: 'id-type',
  name: '证件类型',
  items: [
    { value: '身份证', aliases: ['居民身份证'], idCheck: 'gb11643' },
    { value: '护照号', aliases: ['护照'] },
    { value: '港澳居民来往内地通行证' },
    { value: '台湾居民来往大陆通行证' },
    { value: '外国人永久居留身份证' },
    { value: '其他', detail: 'required', help: '填写为“其他-证件名称”' },
  ],
};

/** 许可类别; 其他 must name the kind (`其他-…`). */
export const LICENSE_KIND_LIST: CodeList = {
  key: 'license-kind',
  name: '许可类别',
  items: [
    { value: '普通' },
    { value: '特许' },
    { value: '认可' },
    { value: '核准' },
    { value: '登记' },
    { value: '其他', detail: 'required', help: '填写为“其他-许可类别名称”' },
  ],
};

/**
 * 处罚类别: 行政处罚法 (2021) 第九条. Older platforms' numeric codes (and the
 * 1996 law's names) are accepted and mapped to today's names:
 *
 *   1 警告 → 警告 · 2 罚款 → 罚款 · 4 责令停产停业 → 责令停产停业 · 6 行政拘留 → 行政拘留 · 9 其他 → 其他
 *   3 没收 (1996: 没收违法所得、没收非法财物) → by the record's 处罚内容 / 暂扣或吊销证照名称:
 *       mentions 违法所得 → 没收违法所得; mentions 非法财物 → 没收非法财物 (both if both);
 *       neither → 没收违法所得, with a warning asking the clerk to confirm.
 *   5 暂扣或吊销证照 (1996: 暂扣或者吊销许可证、暂扣或者吊销执照) → likewise:
 *       mentions 吊销 → 吊销许可证件; mentions 暂扣 → 暂扣许可证件 (both if both);
 *       neither → 暂扣许可证件, with a warning. Text evidence comes first because
 *       吊销 makes the decision 严重 (3-year publication) and 暂扣 does not; the
 *       fallback is the milder reading and is never silent.
 */
export const PENALTY_KIND_LIST: CodeList = {
  key: 'penalty-kind',
  name: '处罚类别',
  source: '《中华人民共和国行政处罚法》（2021）第九条',
  items: [
    { value: '警告' },
    { value: '通报批评' },
    { value: '罚款' },
    { value: '没收违法所得' },
    { value: '没收非法财物' },
    { value: '暂扣许可证件', aliases: ['暂扣许可证', '暂扣执照'] },
    { value: '降低资质等级' },
    { value: '吊销许可证件', aliases: ['吊销许可证', '吊销执照', '吊销营业执照'] },
    { value: '限制开展生产经营活动' },
    { value: '责令停产停业' },
    { value: '责令关闭' },
    { value: '限制从业' },
    { value: '行政拘留' },
    { value: '其他', aliases: ['其他行政处罚', '法律、行政法规规定的其他行政处罚'], detail: 'optional' },
  ],
  legacy: [
    { code: '1', label: '警告', to: ['警告'] },
    { code: '2', label: '罚款', to: ['罚款'] },
    {
      code: '3',
      label: '没收',
      aliases: ['没收违法所得、没收非法财物'],
      to: ['没收违法所得'],
      resolve: [
        { contains: '违法所得', to: '没收违法所得' },
        { contains: '非法财物', to: '没收非法财物' },
      ],
      warnWhenUnresolved: true,
    },
    { code: '4', label: '责令停产停业', to: ['责令停产停业'] },
    {
      code: '5',
      label: '暂扣或吊销证照',
      aliases: ['暂扣或者吊销许可证、暂扣或者吊销执照', '暂扣或吊销许可证、执照', '暂扣或者吊销许可证', '暂扣或吊销执照'],
      to: ['暂扣许可证件'],
      resolve: [
        { contains: '吊销', to: '吊销许可证件' },
        { contains: '暂扣', to: '暂扣许可证件' },
      ],
      warnWhenUnresolved: true,
    },
    { code: '6', label: '行政拘留', to: ['行政拘留'] },
    { code: '9', label: '其他', to: ['其他'] },
  ],
};

/** 当前状态 (domain.md §2: 1 有效, 2 无效 …). Stored and exported as the platform's code. */
export const RECORD_STATUS_LIST: CodeList = {
  key: 'record-status',
  name: '当前状态',
  items: [
    { value: '1', label: '有效', aliases: ['有效', '正常'] },
    { value: '2', label: '无效', aliases: ['无效'] },
  ],
};

/** 承诺类型 (domain.md §2). */
export const COMMITMENT_KIND_LIST: CodeList = {
  key: 'commitment-kind',
  name: '承诺类型',
  items: [
    { value: '审批替代型', aliases: ['审批替代型承诺', '告知承诺'] },
    { value: '主动型', aliases: ['主动型承诺'] },
    { value: '行业自律型', aliases: ['行业自律型承诺'] },
    { value: '信用修复型', aliases: ['信用修复型承诺'] },
  ],
};

/**
 * 履约状态 of a 信用承诺. domain.md names the field but not its values; these
 * three are this product's choice (data, extendable): still running, kept, broken.
 */
export const FULFILMENT_STATUS_LIST: CodeList = {
  key: 'fulfilment-status',
  name: '履约状态',
  items: [
    { value: '履约中', aliases: ['未到期', '正在履约'] },
    { value: '已履约', aliases: ['履约', '已践诺'] },
    { value: '未履约', aliases: ['违约', '失信', '违诺'] },
  ],
};

export const BUILT_IN_CODE_LISTS: CodeList[] = [
  SUBJECT_TYPE_LIST,
  ID_TYPE_LIST,
  LICENSE_KIND_LIST,
  PENALTY_KIND_LIST,
  RECORD_STATUS_LIST,
  COMMITMENT_KIND_LIST,
  FULFILMENT_STATUS_LIST,
];
