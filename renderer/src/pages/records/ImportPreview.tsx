import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ImportColumnView, ImportInspection } from '../../../../electron/contract';
import { useI18n, type Locale } from '../../i18n';
import { useCatalogNames } from './catalog';

const STATUS_COLOR: Record<ImportColumnView['status'], string> = {
  field: 'green',
  mapped: 'blue',
  status: 'purple',
  ignored: 'default',
  unknown: 'orange',
  repeated: 'orange',
};

/** A generation's name inside a sentence: “按 2016 版双公示模板导入” takes a space before the digits. */
export function generationText(name: string, locale: Locale): string {
  return locale === 'zh-CN' && /^[0-9A-Za-z]/.test(name) ? ` ${name}` : name;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * What the import will make of the file, from its header row: the layout
 * (template generation) recognised, where every column goes, the required
 * fields without a column and the rule that fills each, and the category check.
 */
export function ImportPreview({ inspection, onSwitchCategory }: { inspection: ImportInspection; onSwitchCategory: (category: string) => void }) {
  const { t, locale } = useI18n();
  const names = useCatalogNames();
  const older = !inspection.generation.key.endsWith('-current');
  const count = (statuses: ImportColumnView['status'][]) => inspection.columns.filter((c) => c.header !== '' && statuses.includes(c.status)).length;
  const ruleText = new Map(inspection.rules.map((r) => [r.id, r.description]));
  const ruleName = new Map(inspection.rules.map((r) => [r.id, r.name]));
  const field = (code: string) => (
    <>
      {names.field(inspection.category, code)}
      {names.field(inspection.category, code) !== code && <span className="field-code">{code}</span>}
    </>
  );
  return (
    <>
      <Space wrap size={[8, 4]} style={{ marginBottom: 12 }}>
        <Tag color={older ? 'gold' : 'green'} style={{ fontSize: 14, padding: '2px 8px' }} data-testid="import-generation">
          {t('records.import.generation', { name: generationText(inspection.generation.name, locale) })}
        </Tag>
        <Typography.Text type="secondary">{t('records.import.headerRow', { row: inspection.headerRow })}</Typography.Text>
        {older && <Typography.Text type="secondary">· {t('records.import.generationOlder')}</Typography.Text>}
      </Space>
      {inspection.suggestion && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={inspection.suggestion.message}
          data-testid="import-suggestion"
          action={
            <Button size="small" type="primary" onClick={() => onSwitchCategory(inspection.suggestion!.category)}>
              {t('records.import.suggestion.switch', { category: names.category(inspection.suggestion.category) })}
            </Button>
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('records.import.columns')}
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 12 }}>
          {t('records.import.columnsSummary', { known: count(['field', 'mapped', 'status']), ignored: count(['ignored', 'repeated']), unknown: count(['unknown']) })}
        </Typography.Text>
      </Typography.Title>
      <Table<ImportColumnView>
        size="small"
        rowKey="index"
        pagination={false}
        scroll={{ y: 232 }}
        data-testid="import-columns"
        dataSource={inspection.columns.filter((c) => c.header !== '')}
        columns={[
          { title: t('records.import.col.column'), dataIndex: 'index', width: 52, render: (i: number) => columnLetter(i) },
          { title: t('records.import.col.header'), dataIndex: 'header', width: 230, ellipsis: true },
          {
            title: t('records.import.col.status'),
            dataIndex: 'status',
            width: 96,
            render: (s: ImportColumnView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`records.import.status.${s}`)}</Tag>,
          },
          { title: t('records.import.col.target'), dataIndex: 'field', width: 260, render: (f: string | null) => (f ? field(f) : null) },
          { title: t('records.import.col.note'), dataIndex: 'note', render: (n: string | null) => <span className="option-help">{n}</span> },
        ]}
      />
      {/* For the wrong category, the fields it lacks and its rules say nothing useful. */}
      {!inspection.suggestion && (
        <Row gutter={24} style={{ marginTop: 16 }}>
          <Col xs={24} lg={10}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('records.import.missing')}
            </Typography.Title>
            {inspection.missing.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('records.import.missingNone')}</Typography.Paragraph>
            ) : (
              <ul className="import-missing" data-testid="import-missing">
                {inspection.missing.map((m) => (
                  <li key={m.field}>
                    {m.rule ? <CheckCircleOutlined style={{ color: '#52c41a' }} /> : <CloseCircleOutlined style={{ color: '#cf1322' }} />} {field(m.field)}
                    <div className="option-help">{m.rule ? `${t('records.import.missingFilled')}（${ruleName.get(m.rule) ?? ''}）` : t('records.import.missingRefused')}</div>
                  </li>
                ))}
              </ul>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('records.import.rules')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
            {t('records.import.rulesHelp')}
          </Typography.Paragraph>
          <ol className="import-rules" data-testid="import-rule-list">
            {[...ruleText.entries()].map(([id, text]) => (
              <li key={id}>
                <strong>{ruleName.get(id)}</strong>：{text}
              </li>
            ))}
          </ol>
        </Col>
      </Row>
      )}
    </>
  );
}
