// The page frame: header (who is signed in, language switch, sign-out), navigation, notices.
// Plain forms: everything works without JavaScript; /console/assets/console.js only improves
// them (live counts, drag to reorder).
import type { Child } from 'hono/jsx';
import type { ConsoleWords } from './words';

export type Section = 'overview' | 'digest' | 'announcements' | 'briefings' | 'campaigns' | 'questions' | 'members' | 'mcns' | 'audit';

const LINKS: [Section, string][] = [
  ['overview', '/console'],
  ['digest', '/console/digest'],
  ['announcements', '/console/announcements'],
  ['briefings', '/console/briefings'],
  ['campaigns', '/console/campaigns'],
  ['questions', '/console/questions'],
  ['members', '/console/members'],
  ['mcns', '/console/mcns'],
  ['audit', '/console/audit'],
];

export interface Viewer {
  memberId: number;
  name: string;
}

export function Page(props: { w: ConsoleWords; title: string; section?: Section; viewer?: Viewer; here?: string; notice?: Notice | null; children?: Child }) {
  const { w } = props;
  return (
    <html lang={w.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${w.appName}`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {w.skip}
        </a>
        <header class="top">
          <a class="brand" href="/console">
            {w.appName}
          </a>
          {props.viewer ? (
            <div class="row">
              <span>{w.signedInAs(props.viewer.name, props.viewer.memberId)}</span>
              <form method="post" action="/console/lang">
                <input type="hidden" name="lang" value={w.lang === 'vi' ? 'en' : 'vi'} />
                <input type="hidden" name="back" value={props.here ?? '/console'} />
                <button type="submit" lang={w.lang === 'vi' ? 'en' : 'vi'}>
                  {w.switchTo}
                </button>
              </form>
              <form method="post" action="/console/logout">
                <button type="submit">{w.signOut}</button>
              </form>
            </div>
          ) : null}
        </header>
        {props.viewer ? (
          <nav class="main" aria-label={w.appName}>
            <ul>
              {LINKS.map(([s, href]) => (
                <li>
                  <a href={href} aria-current={props.section === s ? 'page' : undefined}>
                    {w.nav[s]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main">
          <h1>{props.title}</h1>
          {props.notice ? (
            <p class={`notice ${props.notice.kind}`} role={props.notice.kind === 'err' ? 'alert' : 'status'}>
              {props.notice.text}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export interface Notice {
  kind: 'ok' | 'err';
  text: string;
}

/** A small table of label → number rows. */
export function CountTable(props: { caption: string; head: [string, string]; rows: [string, number][] }) {
  return (
    <div class="table-wrap" tabindex={0}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head[0]}</th>
            <th scope="col" class="num">
              {props.head[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([label, n]) => (
            <tr>
              <td>{label}</td>
              <td class="num">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
