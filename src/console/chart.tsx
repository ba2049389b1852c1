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
