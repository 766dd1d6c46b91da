/**
 * The 统计 page's charts, drawn with Recharts (SVG, React components, no eval: the
 * renderer's CSP holds). Colours are antd's tokens, so the charts sit with the rest
 * of the UI. Every bar is a target: clicking it opens the records behind it.
 */
import { theme } from 'antd';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategoryFigures, RecordFigure, TrendFigures, YearTrend } from '../../../../electron/contract';
import { useI18n } from '../../i18n';

type BarFigure = Extract<RecordFigure, 'decided' | 'reported' | 'accepted' | 'rejected' | 'late'>;
type TrendBar = Exclude<BarFigure, 'decided'>;

function useColors(): Record<BarFigure | 'complianceRate' | 'lateRate', string> {
  const { token } = theme.useToken();
  return {
    decided: token.colorTextTertiary,
    reported: token.colorPrimary,
    accepted: token.colorSuccess,
    rejected: token.colorError,
    late: token.colorWarning,
    complianceRate: token['cyan-7'],
    lateRate: token['volcano-7'],
  };
}

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  index?: number;
}

/** A bar as a plain rect that names itself (data-testid `bar-<figure>-<key>`), so it can be found and clicked (when `onClick` is given). */
function namedBar(figure: string, keyOf: (index: number) => string, onClick: ((index: number) => void) | undefined, label: (index: number) => string) {
  function NamedBar(p: ShapeProps) {
    const height = Math.max(0, p.height ?? 0);
    if (height === 0 || p.index === undefined) return <g />;
    const index = p.index;
    return (
      <rect
        x={p.x}
        y={p.y}
        width={p.width}
        height={height}
        fill={p.fill}
        style={onClick ? { cursor: 'pointer' } : undefined}
        data-testid={`bar-${figure}-${keyOf(index)}`}
        onClick={onClick && (() => onClick(index))}
      >
        <title>{label(index)}</title>
      </rect>
    );
  }
  return NamedBar;
}

/** The month's figures per category: 决定数, 报送, 接收, 退回, 迟报 as bars side by side. */
export function MonthChart({ rows, onOpen }: { rows: CategoryFigures[]; onOpen?: (figure: BarFigure, category: string) => void }) {
  const { t } = useI18n();
  const colors = useColors();
  const figures: BarFigure[] = ['decided', 'reported', 'accepted', 'rejected', 'late'];
  return (
    <div data-testid="month-chart" style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          {figures.map((f) => (
            <Bar
              key={f}
              dataKey={f}
              name={t(`stats.fig.${f}`)}
              fill={colors[f]}
              isAnimationActive={false}
              shape={namedBar(
                f,
                (i) => rows[i].category,
                onOpen && ((i) => onOpen(f, rows[i].category)),
                (i) => `${rows[i].name} ${t(`stats.fig.${f}`)} ${rows[i][f]}`,
              )}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The year month by month: operations reported, accepted, rejected, late (bars), compliance and late rate (lines, right axis). */
export function TrendChart({ trend, pick, onOpen }: { trend: YearTrend; pick: (m: YearTrend['months'][number]) => TrendFigures; onOpen?: (figure: TrendBar, month: string) => void }) {
  const { t } = useI18n();
  const colors = useColors();
  const data = trend.months.map((m) => {
    const f = pick(m);
    const pct = (r: number | null) => (r === null || m.future ? null : Math.round(r * 1000) / 10);
    return { month: m.month, label: `${Number(m.month.slice(5))}月`, ...f, complianceRate: pct(f.complianceRate), lateRate: pct(f.lateRate) };
  });
  const figures: TrendBar[] = ['reported', 'accepted', 'rejected', 'late'];
  return (
    <div data-testid="trend-chart" style={{ width: '100%', height: 300 }}>
      <ResponsiveContainer>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="n" allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} unit="%" width={48} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          {figures.map((f) => (
            <Bar
              key={f}
              yAxisId="n"
              dataKey={f}
              name={t(`stats.fig.${f}`)}
              fill={colors[f]}
              isAnimationActive={false}
              shape={namedBar(
                f,
                (i) => data[i].month,
                onOpen && ((i) => onOpen(f, data[i].month)),
                (i) => `${data[i].month} ${t(`stats.fig.${f}`)} ${data[i][f]}`,
              )}
            />
          ))}
          <Line yAxisId="pct" dataKey="complianceRate" name={t('stats.fig.complianceRate')} unit="%" stroke={colors.complianceRate} strokeWidth={2} connectNulls isAnimationActive={false} />
          <Line yAxisId="pct" dataKey="lateRate" name={t('stats.fig.lateRate')} unit="%" stroke={colors.lateRate} strokeWidth={2} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
