import { describe, expect, it } from 'vitest';
import type { UsageMonth } from '../generated/UsageMonth';
import { usageMonths } from '../testing/billing';
import {
  CHART,
  formatUsage,
  monthFigures,
  monthLabel,
  monthSummary,
  niceCeiling,
  usageChart,
  usageValue,
} from './usage';

const PLOT_HEIGHT = CHART.height - CHART.top - CHART.bottom;
const BASELINE = CHART.top + PLOT_HEIGHT;

const month = (m: string, downloads: number, bandwidth: string, storage: string): UsageMonth => ({
  month: m,
  downloads: downloads as unknown as bigint,
  bandwidth_gb: bandwidth,
  storage_gb: storage,
});

describe('figures', () => {
  it('reads numbers, bigints and decimal strings exactly', () => {
    const m = month('2025-03', 1234, '812.50', '120.25');
    expect(usageValue(m, 'downloads')).toBe('1234');
    expect(usageValue({ ...m, downloads: 99n }, 'downloads')).toBe('99');
    expect(usageValue(m, 'bandwidth_gb')).toBe('812.50');
    expect(usageValue({ ...m, storage_gb: 'n/a' }, 'storage_gb')).toBe('0');
    expect(usageValue({ ...m, storage_gb: '-3' }, 'storage_gb')).toBe('0');
  });

  it('labels figures and months', () => {
    expect(formatUsage('1234', 'downloads', 'en-GB')).toBe('1,234');
    expect(formatUsage('812.50', 'bandwidth_gb', 'en-GB')).toBe('812.5 GB');
    expect(monthLabel('2025-03', 'en-GB')).toBe('Mar 2025');
    expect(monthLabel('2025-03', 'en-GB', 'long')).toBe('March 2025');
    expect(monthLabel('soon', 'en-GB')).toBe('soon');
    expect(monthSummary(month('2025-03', 1234, '812.5', '120.25'), 'en-GB')).toBe(
      'March 2025: 1,234 downloads, 812.5 GB of bandwidth, 120.25 GB of storage',
    );
    expect(monthFigures(month('2025-03', 1234, '812.5', '120.25'), 'en-GB')).toEqual({
      downloads: '1,234',
      bandwidth_gb: '812.5 GB',
      storage_gb: '120.25 GB',
    });
  });

  it('rounds the scale up to a readable value', () => {
    expect(niceCeiling(0)).toBe(0);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(1234)).toBe(2000);
    expect(niceCeiling(2100)).toBe(2500);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(0.07)).toBe(0.1);
  });
});

describe('usageChart', () => {
  it('draws one bar per month, scaled to the largest', () => {
    const chart = usageChart(usageMonths(24), 'downloads', 'en-GB');
    expect(chart.bars).toHaveLength(24);
    // Downloads 0, 100, …, 2300: the scale tops out at 2500.
    expect(chart.scaleMax).toBe(2500);
    const last = chart.bars[23]!;
    expect(last.height).toBeCloseTo((2300 / 2500) * PLOT_HEIGHT, 1);
    expect(last.y + last.height).toBeCloseTo(BASELINE, 1);
    expect(last.display).toBe('2,300');
    expect(last.spoken).toBe('December 2025: 2,300 downloads');
    expect(chart.bars[0]).toMatchObject({ month: '2024-01', short: 'Jan 2024', long: 'January 2024', height: 0 });
    expect(chart.ticks.map((t) => t.label)).toEqual(['0', '1,250', '2,500']);
    expect(chart.ticks.map((t) => t.y)).toEqual([BASELINE, BASELINE - PLOT_HEIGHT / 2, CHART.top]);
    expect(chart.allZero).toBe(false);
  });

  it('keeps the bars inside the plot, in order, without overlapping', () => {
    const { bars } = usageChart(usageMonths(24), 'storage_gb', 'en-GB');
    for (const [i, bar] of bars.entries()) {
      expect(bar.x).toBeGreaterThanOrEqual(CHART.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(CHART.width - CHART.right + 0.01);
      expect(bar.y).toBeGreaterThanOrEqual(CHART.top);
      if (i > 0) expect(bar.x).toBeGreaterThan(bars[i - 1]!.x + bars[i - 1]!.width);
    }
    expect(bars.filter((b) => b.labelled).map((b) => b.month)).toEqual([
      '2024-03', '2024-06', '2024-09', '2024-12', '2025-03', '2025-06', '2025-09', '2025-12',
    ]);
  });

  it('uses the decimal strings for GB, and shows them exactly', () => {
    const usage = [month('2025-01', 0, '0.25', '0'), month('2025-02', 0, '0.5', '0'), month('2025-03', 0, '0.125', '0')];
    const chart = usageChart(usage, 'bandwidth_gb', 'en-GB');
    expect(chart.scaleMax).toBe(0.5);
    expect(chart.bars.map((b) => b.height)).toEqual([PLOT_HEIGHT / 2, PLOT_HEIGHT, PLOT_HEIGHT / 4]);
    expect(chart.bars.map((b) => b.value)).toEqual(['0.25', '0.5', '0.125']);
    expect(chart.bars[2]?.display).toBe('0.13 GB');
    expect(chart.bars[2]?.spoken).toBe('March 2025: 0.13 GB of bandwidth');
    expect(chart.ticks.map((t) => t.label)).toEqual(['0 GB', '0.25 GB', '0.5 GB']);
  });

  it('handles months with no usage at all', () => {
    const chart = usageChart(usageMonths(24, '2024-01', () => 0), 'downloads', 'en-GB');
    expect(chart.allZero).toBe(true);
    expect(chart.scaleMax).toBe(0);
    expect(chart.bars.every((b) => b.height === 0 && b.y === BASELINE)).toBe(true);
    expect(chart.bars.every((b) => b.columnWidth > 0)).toBe(true);
    expect(chart.ticks).toEqual([{ value: '0', label: '0', y: BASELINE }]);
  });

  it('shows a tiny month as a sliver next to a huge one', () => {
    const usage = [month('2025-01', 1, '0', '0'), month('2025-02', 1_000_000, '0', '0')];
    const chart = usageChart(usage, 'downloads', 'en-GB');
    expect(chart.bars[0]!.height).toBe(1);
    expect(chart.bars[1]!.height).toBe(PLOT_HEIGHT);
  });

  it('never puts a tick at half a download', () => {
    const chart = usageChart([month('2025-01', 1, '0', '0')], 'downloads', 'en-GB');
    expect(chart.ticks.map((t) => t.label)).toEqual(['0', '1', '2']);
  });

  it('draws nothing for no months', () => {
    const chart = usageChart([], 'downloads', 'en-GB');
    expect(chart.bars).toEqual([]);
    expect(chart.allZero).toBe(true);
  });
});
