// The usage chart as numbers: 24 months of one metric mapped to bars in an
// SVG coordinate space, with axis ticks and the labels people read. Pure, so
// the scaling is tested without a DOM.
//
// Figures arrive as decimal strings (GB) or as integers (downloads, a u64 that
// arrives as a JS number). The labels keep the exact figure; only the bar
// heights use floating point, which is fine for pixels.

import { formatDecimal, isDecimal } from '../format';
import type { UsageMonth } from '../generated/UsageMonth';
import { intlLocale, t } from '../i18n';

export type UsageMetric = 'downloads' | 'bandwidth_gb' | 'storage_gb';

export interface MetricInfo {
  id: UsageMetric;
  label: string;
  /** After a figure: "12 GB"; downloads have none. */
  unit: string;
  /** A figure in a sentence: "1,234 downloads", "12.5 GB of bandwidth". */
  phrase: (figure: string) => string;
  /** Over an empty chart. */
  none: string;
}

/** A metric whose words are the current language's each time they are read. */
function metric(id: UsageMetric, unit: string): MetricInfo {
  return {
    id,
    unit,
    get label() {
      return t(`billing.metric.${id}`);
    },
    phrase: (figure) => t(`billing.metric.${id}Phrase`, { figure }),
    get none() {
      return t(`billing.metric.${id}None`);
    },
  };
}

export const USAGE_METRICS: readonly MetricInfo[] = [
  metric('downloads', ''),
  metric('bandwidth_gb', 'GB'),
  metric('storage_gb', 'GB'),
];

export function metricInfo(metric: UsageMetric): MetricInfo {
  return USAGE_METRICS.find((m) => m.id === metric) ?? USAGE_METRICS[0]!;
}

/** The chart's drawing area, in SVG user units (the viewBox). */
export const CHART = { width: 720, height: 240, left: 64, right: 8, top: 16, bottom: 28 } as const;
export type ChartBox = { [K in keyof typeof CHART]: number };

/** A metric's figure as an exact decimal string; "0" for anything that is not a figure. */
export function usageValue(month: UsageMonth, metric: UsageMetric): string {
  const raw: unknown = month[metric];
  let text = '';
  if (typeof raw === 'string') text = raw.trim();
  else if (typeof raw === 'bigint') text = raw.toString();
  else if (typeof raw === 'number' && Number.isFinite(raw)) text = raw.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return isDecimal(text) && !text.startsWith('-') ? text.replace(/^\+/, '') : '0';
}

/** The number alone: "1,234", "12.5". */
function figure(value: string, metric: UsageMetric, locale?: string): string {
  return formatDecimal(value, locale, metric === 'downloads' ? 0 : 2);
}

/** "1,234" downloads, "12.5 GB". */
export function formatUsage(value: string, metric: UsageMetric, locale?: string): string {
  const unit = metricInfo(metric).unit;
  return unit ? `${figure(value, metric, locale)} ${unit}` : figure(value, metric, locale);
}

/** `YYYY-MM` as "Mar 2025" (`short`) or "March 2025" (`long`); the input when it is not one. */
export function monthLabel(month: string, locale?: string, style: 'short' | 'long' = 'short'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
  return new Intl.DateTimeFormat(locale ?? intlLocale(), { month: style, year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `max`; 0 for 0. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = Number((step * power).toPrecision(12));
    if (candidate >= max) return candidate;
  }
  return 10 * power;
}

export interface UsageBar {
  month: string;
  /** "Mar 2025" under the bar (shown for some months only, see `labelled`). */
  short: string;
  /** "March 2025". */
  long: string;
  /** The exact figure. */
  value: string;
  /** The figure as people read it: "1,234", "12.5 GB". */
  display: string;
  /** What a screen reader says for the bar: "March 2025: 1,234 downloads". */
  spoken: string;
  /** The bar, in chart units; a zero month has height 0. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The whole column, for hovering and focus even when the bar is empty. */
  columnX: number;
  columnWidth: number;
  /** Whether the month is named under the axis: every third, counting back from the latest. */
  labelled: boolean;
}

export interface UsageTick {
  value: string;
  label: string;
  y: number;
}

export interface UsageChartModel {
  metric: UsageMetric;
  bars: UsageBar[];
  ticks: UsageTick[];
  /** The top of the scale. */
  scaleMax: number;
  /** The y of the zero line. */
  baseline: number;
  /** No usage at all for this metric: the chart says so. */
  allZero: boolean;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Maps months of usage to bars and ticks for one metric. */
export function usageChart(
  usage: readonly UsageMonth[],
  metric: UsageMetric,
  locale?: string,
  box: ChartBox = CHART,
): UsageChartModel {
  const values = usage.map((m) => usageValue(m, metric));
  const numbers = values.map(Number);
  const max = Math.max(0, ...numbers);
  // Whole downloads: never a tick at half a download.
  const scaleMax = metric === 'downloads' && max > 0 ? Math.max(niceCeiling(max), 2) : niceCeiling(max);
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.top + plotHeight;
  const column = usage.length > 0 ? plotWidth / usage.length : plotWidth;
  const barWidth = column * 0.64;

  const info = metricInfo(metric);
  const bars = usage.map((m, i): UsageBar => {
    const n = numbers[i] ?? 0;
    const value = values[i] ?? '0';
    const long = monthLabel(m.month, locale, 'long');
    // A month with a little usage still shows as a sliver, unlike an empty one.
    const height = scaleMax > 0 && n > 0 ? Math.max((n / scaleMax) * plotHeight, 1) : 0;
    const columnX = box.left + i * column;
    return {
      month: m.month,
      short: monthLabel(m.month, locale, 'short'),
      long,
      value,
      display: formatUsage(value, metric, locale),
      spoken: `${long}: ${info.phrase(figure(value, metric, locale))}`,
      x: round(columnX + (column - barWidth) / 2),
      y: round(baseline - height),
      width: round(barWidth),
      height: round(height),
      columnX: round(columnX),
      columnWidth: round(column),
      labelled: (usage.length - 1 - i) % 3 === 0,
    };
  });

  const tickValues = scaleMax > 0 ? [0, scaleMax / 2, scaleMax] : [0];
  const ticks = tickValues.map((v) => {
    const value = String(Number(v.toPrecision(12)));
    return {
      value,
      label: formatUsage(value, metric, locale),
      y: round(baseline - (scaleMax > 0 ? (v / scaleMax) * plotHeight : 0)),
    };
  });

  return { metric, bars, ticks, scaleMax, baseline: round(baseline), allZero: max === 0 };
}

/** Every figure of a month, formatted: for the table screen readers get. */
export function monthFigures(month: UsageMonth, locale?: string): Record<UsageMetric, string> {
  const entries = USAGE_METRICS.map((m) => [m.id, formatUsage(usageValue(month, m.id), m.id, locale)] as const);
  return Object.fromEntries(entries) as Record<UsageMetric, string>;
}

/** "March 2025: 1,234 downloads, 12.5 GB of bandwidth, 40.25 GB of storage". */
export function monthSummary(month: UsageMonth, locale?: string): string {
  const parts = USAGE_METRICS.map((m) => m.phrase(figure(usageValue(month, m.id), m.id, locale)));
  return `${monthLabel(month.month, locale, 'long')}: ${parts.join(', ')}`;
}
