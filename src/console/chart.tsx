// A bar chart drawn on the server as SVG (no script, no library): one bar per day. The numbers
// are also given as a table next to it, so screen readers and printouts get them.
export function BarChart(props: { data: { label: string; value: number }[]; label: string }) {
  const W = 600;
  const H = 200;
  const pad = { l: 28, r: 6, t: 10, b: 26 };
  const max = Math.max(1, ...props.data.map((d) => d.value));
  const n = Math.max(1, props.data.length);
  const slot = (W - pad.l - pad.r) / n;
  const bw = Math.max(2, slot * 0.75);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}>
      <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#6b7280" />
      <text x={pad.l - 4} y={pad.t + 8} text-anchor="end">
        {max}
      </text>
      <text x={pad.l - 4} y={H - pad.b} text-anchor="end">
        0
      </text>
      {props.data.map((d, i) => {
        const x = pad.l + i * slot + (slot - bw) / 2;
        const top = y(d.value);
        return (
          <g>
            <rect class="bar" x={x.toFixed(1)} y={top.toFixed(1)} width={bw.toFixed(1)} height={(H - pad.b - top).toFixed(1)}>
              <title>{`${d.label}: ${d.value}`}</title>
            </rect>
            {i % 5 === 0 || i === n - 1 ? (
              <text x={(x + bw / 2).toFixed(1)} y={H - 8} text-anchor="middle">
                {d.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Fill colours of stacked series, told apart by more than hue (a legend with names goes with them). */
export const SERIES_FILLS = ['#1f4e9c', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#4b5563', '#b8860b'];

/**
 * Stacked bars: one bar per label (day), one segment per series (platform), with an SVG legend.
 * The numbers go in a table beside it (the chart is an image for screen readers).
 */
export function StackedBarChart(props: { labels: string[]; series: { name: string; values: number[] }[]; label: string }) {
  const W = 600;
  const legendRows = Math.ceil(props.series.length / 4);
  const H = 200 + legendRows * 16;
  const pad = { l: 30, r: 6, t: 10, b: 26 + legendRows * 16 };
  const n = Math.max(1, props.labels.length);
  const totals = props.labels.map((_, i) => props.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (W - pad.l - pad.r) / n;
  const bw = Math.max(2, slot * 0.75);
  const plotH = H - pad.t - pad.b;
  const base = H - pad.b;
  const every = Math.max(1, Math.ceil(n / 10));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}>
      <line x1={pad.l} y1={base} x2={W - pad.r} y2={base} stroke="#6b7280" />
      <text x={pad.l - 4} y={pad.t + 8} text-anchor="end">
        {max}
      </text>
      <text x={pad.l - 4} y={base} text-anchor="end">
        0
      </text>
      {props.labels.map((label, i) => {
        const x = pad.l + i * slot + (slot - bw) / 2;
        let y = base;
        return (
          <g>
            {props.series.map((s, k) => {
              const v = s.values[i] ?? 0;
              if (v === 0) return null;
              const h = (plotH * v) / max;
              y -= h;
              return (
                <rect x={x.toFixed(1)} y={y.toFixed(1)} width={bw.toFixed(1)} height={h.toFixed(1)} fill={SERIES_FILLS[k % SERIES_FILLS.length]}>
                  <title>{`${label} · ${s.name}: ${v}`}</title>
                </rect>
              );
            })}
            {i % every === 0 || i === n - 1 ? (
              <text x={(x + bw / 2).toFixed(1)} y={base + 16} text-anchor="middle">
                {label}
              </text>
            ) : null}
          </g>
        );
      })}
      {props.series.map((s, k) => {
        const lx = pad.l + (k % 4) * 140;
        const ly = base + 30 + Math.floor(k / 4) * 16;
        return (
          <g>
            <rect x={lx} y={ly - 9} width={10} height={10} fill={SERIES_FILLS[k % SERIES_FILLS.length]} />
            <text x={lx + 14} y={ly}>
              {s.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * A line of percentages (0–100) per day, drawn on the server; a day without a value (no digest)
 * leaves a gap. The numbers go in a table beside it.
 */
export function PercentLineChart(props: { data: { label: string; value: number | null }[]; label: string }) {
  const W = 600;
  const H = 200;
  const pad = { l: 36, r: 8, t: 10, b: 26 };
  const n = Math.max(2, props.data.length);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / (n - 1);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / 100);
  const segments: string[] = [];
  let cur: string[] = [];
  props.data.forEach((d, i) => {
    if (d.value == null) {
      if (cur.length) segments.push(cur.join(' '));
      cur = [];
    } else cur.push(`${x(i).toFixed(1)},${y(d.value).toFixed(1)}`);
  });
  if (cur.length) segments.push(cur.join(' '));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}>
      <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#6b7280" />
      <text x={pad.l - 4} y={pad.t + 8} text-anchor="end">
        100 %
      </text>
      <text x={pad.l - 4} y={H - pad.b} text-anchor="end">
        0
      </text>
      {segments.map((pts) => (
        <polyline points={pts} fill="none" stroke="#1f4e9c" stroke-width="2" />
      ))}
      {props.data.map((d, i) =>
        d.value == null ? null : (
          <circle cx={x(i).toFixed(1)} cy={y(d.value).toFixed(1)} r="3" fill="#1f4e9c">
            <title>{`${d.label}: ${d.value} %`}</title>
          </circle>
        ),
      )}
      {props.data.map((d, i) =>
        i % 5 === 0 || i === props.data.length - 1 ? (
          <text x={x(i).toFixed(1)} y={H - 8} text-anchor="middle">
            {d.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}
