import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a page, with optional actions on the right. */
export function PageTitle({ title, extra, intro }: { title: ReactNode; extra?: ReactNode; intro?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {intro && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {intro}
        </Typography.Paragraph>
      )}
    </div>
  );
}
