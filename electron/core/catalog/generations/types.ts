/**
 * Template generations, as data: the column layouts departments have kept their
 * records in since 2016, and how each column and each missing value maps onto
 * today's fields (domain.md §2, §2b). An import recognises the generation from the
 * header row before it reads any record; the mapping runs per row inside the
 * import's parsing half (records/import-mapping.ts).
 *
 * Everything here is JSON: it crosses to the import worker as is.
 */

/** Where one column of an older layout goes. */
export type ColumnTarget =
  /** Today's field, value as it is. */
  | { field: string }
  /** One of several columns joined (with `;`) into one multi-code field: 处罚类别1 + 处罚类别2 → 处罚类别. */
  | { field: string; part: number }
  /** An ID-number column that also says the ID type: 居民身份证号 → 证件类型 身份证 + 证件号码. */
  | { field: string; idTypeField: string; idType: string }
  /** 当前状态 where today's category has no such field: read for history imports only. */
  | { status: true }
  /** Known and deliberately not imported; `ignore` says why. */
  | { ignore: string };

export interface GenerationColumn {
  /** The column's field code in that layout (`CF_CFMC`), if it had one. */
  code?: string;
  /** Its label (`处罚名称`). Headers match the code, the label, `label(code)` or an alias. */
  label: string;
  aliases?: string[];
  to: ColumnTarget;
}

/**
 * A value filled in when a row has none (the column is missing or the cell empty).
 * Each rule is stated in `description` (shown in the preview, the summary and the
 * migration report) and counted per imported row.
 */
export type FillRule =
  /** 行政相对人类别 from the code: a 统一社会信用代码 starting 92 → 个体工商户, any other → 法人及非法人组织, an ID number → 自然人. */
  | { id: string; kind: 'subject-type' }
  /** A code field takes the department's 统一社会信用代码 when the named authority (`nameField`) is the department. */
  | { id: string; kind: 'department-code'; nameField: string; codeField: string }
  /** 数据来源单位 and its code become the department when the authority (`authorityField`) is the department. */
  | { id: string; kind: 'department-unit'; nameField: string; codeField: string; authorityField: string }
  /** 罚款金额 read from a text field (处罚结果: “罚款人民币5000元”) when 罚款 is among the kinds. */
  | { id: string; kind: 'fine-from-text'; fineField: string; textField: string; kindsField: string }
  /** A field takes another field's value (有效期自 ← 许可决定日期). */
  | { id: string; kind: 'copy'; from: string; to: string }
  /** A date field takes the 公示截止期 the publication rule table computes (after the row is checked). */
  | { id: string; kind: 'publication-end'; field: string }
  /** Counts rows whose multi-code field used an older code (处罚类别 2 → 罚款): the mapping itself is the code list's. */
  | { id: string; kind: 'legacy-codes'; field: string };

export interface TemplateGeneration {
  /** `penalty-2016` … ; today's layout of every category is `<category>-current`. */
  key: string;
  category: string;
  /** Chinese name as the import says it: “按 2016 版双公示模板导入”. */
  name: string;
  /**
   * Columns this layout has beyond today's headers (today's codes, labels and
   * aliases are recognised in every generation: a department may have added
   * today's columns to an old sheet).
   */
  columns: GenerationColumn[];
  /** Rules of this layout, applied after the rules every generation shares. */
  rules: FillRule[];
  /** Tie-break when two generations recognise as many columns: lower first. */
  rank: number;
}
