// 学校: one school's submission in a campaign. The header and the versions
// received (with receipt, signer key, and whether a version answers a
// review); then two tabs: the report as the school made it, and the review
// (edited by reviewers and administrators, read by viewers).
import { packageFilePath, type Me, type Submission } from '../../shared/bureau/api';
import { ReportJson, type Figures, type ReportFile, type ReportItem } from '../../shared/report/schema';
import { api } from '../api';
import { Empty, ErrorBox, Link, Loading, StateBadge, StatusBadge, useLoad } from '../components/ui';
import { formatNumber, formatTime, useT } from '../i18n';
import { href, navigate, useLocation } from '../router';
import { ReviewPanel } from './Review';

export function SchoolPage({ me, campaign, school }: { me: Me; campaign: string; school: string }) {
  const { query } = useLocation();
  const version = query.get('version');
  const tab = query.get('tab') === 'review' ? 'review' : 'report';
  const data = useLoad(() => api.submission(campaign, school, version), `submission:${campaign}:${school}:${version ?? ''}`);
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <ErrorBox error={data.error} onRetry={data.reload} />;
  return <SchoolView me={me} campaign={campaign} sub={data.data} tab={tab} version={version} onChanged={data.reload} />;
}

function SchoolView({ me, campaign, sub, tab, version, onChanged }: { me: Me; campaign: string; sub: Submission; tab: 'report' | 'review'; version: string | null; onChanged: () => void }) {
  const { t, locale } = useT();
  const s = sub.school;
  const parsed = sub.report === null ? null : ReportJson.safeParse(sub.report);
  const report = parsed?.success ? parsed.data : null;
  const tabHref = (which: 'report' | 'review'): string => {
    const base = href.school(campaign, s.code, version);
    if (which === 'report') return base;
    return base + (base.includes('?') ? '&' : '?') + 'tab=review';
  };
  return (
    <>
      <p className="ws-crumbs">
        <Link href={href.campaigns()}>{t('nav.campaigns')}</Link> › <Link href={href.completeness(campaign)}>{t('nav.completeness')}</Link> ›
      </p>
      <h1>{s.name}</h1>
      <dl className="ws-facts">
        <div>
          <dt>{t('school.code')}</dt>
          <dd>
            <code>{s.code}</code>
          </dd>
        </div>
        <div>
          <dt>{t('school.county')}</dt>
          <dd>{s.county}</dd>
        </div>
        <div>
          <dt>{t('school.type')}</dt>
          <dd>{t(`schoolType.${s.type}`)}</dd>
        </div>
        <div>
          <dt>{t('school.state')}</dt>
          <dd>
            <StateBadge state={s.state} />
          </dd>
        </div>
        {s.total !== null && (
          <div>
            <dt>{t('school.score')}</dt>
            <dd>
              {formatNumber(s.total, locale)}
              {s.level && ` · ${t(`level.${s.level}`)}`}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('completeness.col.review')}</dt>
          <dd>{t(`reviewState.${s.review}`)}</dd>
        </div>
      </dl>
      {sub.versions.length === 0 ? (
        <Empty>{t('school.notSubmitted')}</Empty>
      ) : (
        <>
          <Versions campaign={campaign} sub={sub} />
          <nav className="ws-tabs" aria-label={t('school.tabs.label')}>
            <Link href={tabHref('report')} aria-current={tab === 'report' ? 'page' : undefined}>
              {t('school.tabs.report')}
            </Link>
            <Link href={tabHref('review')} aria-current={tab === 'review' ? 'page' : undefined}>
              {t('school.tabs.review')}
            </Link>
          </nav>
          {parsed && !parsed.success && <ErrorBox error={new Error(t('school.unreadable', { detail: parsed.error.issues[0]?.message ?? '' }))} />}
          {tab === 'report' && report && sub.shownSha512 && <ReportView report={report} sha512={sub.shownSha512} />}
          {tab === 'review' && <ReviewPanel me={me} campaign={campaign} school={s.code} report={report} onChanged={onChanged} />}
        </>
      )}
    </>
  );
}

function Versions({ campaign, sub }: { campaign: string; sub: Submission }) {
  const { t, locale } = useT();
  const latest = sub.versions[0]?.sha512;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('school.versions')}</h2>
      <div className="ws-table-wrap">
        <table className="ws-table ws-table-compact" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">{t('school.pick')}</th>
              <th scope="col">{t('school.col.version')}</th>
              <th scope="col">{t('school.col.receivedAt')}</th>
              <th scope="col">{t('school.col.via')}</th>
              <th scope="col" className="num">{t('school.col.receipt')}</th>
              <th scope="col">{t('school.col.signer')}</th>
              <th scope="col">{t('school.col.answers')}</th>
            </tr>
          </thead>
          <tbody>
            {sub.versions.map((v) => {
              const shown = v.sha512 === sub.shownSha512;
              return (
                <tr key={v.sha512} className={shown ? 'ws-row-current' : undefined}>
                  <td>
                    <input
                      type="radio"
                      name="version"
                      checked={shown}
                      aria-label={`${t('school.version')} ${v.assessmentVersion} · ${formatTime(v.receivedAt, locale)}`}
                      onChange={() => navigate(href.school(campaign, sub.school.code, v.sha512 === latest ? null : v.sha512))}
                    />
                  </td>
                  <td>
                    v{v.assessmentVersion} {v.sha512 === latest && <span className="ws-muted">{t('school.latest')}</span>}
                    <br />
                    <code className="ws-small" title={v.sha512}>
                      {v.bagId}
                    </code>
                  </td>
                  <td>{formatTime(v.receivedAt, locale)}</td>
                  <td>{t(`school.via.${v.via}`)}</td>
                  <td className="num">{v.receiptSeq}</td>
                  <td>
                    <code>{v.signerKeyId}</code>
                  </td>
                  <td>{v.answersReview ? t('school.rectificationOf', { id: v.answersReview }) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const figures = (f: Figures) => ({ met: f.met, partly: f.partlyMet, notMet: f.notMet, na: f.notApplicable, unanswered: f.total - f.answered });

export function ReportView({ report, sha512 }: { report: ReportJson; sha512: string }) {
  const { t, locale } = useT();
  const o = report.overall;
  const score = report.score;
  const pointScore = new Map(score?.points.map((p) => [p.code, p]) ?? []);
  return (
    <section aria-labelledby="report-title" className="ws-report">
      <h2 id="report-title">
        {report.assessment.label} <span className="ws-muted">v{report.assessment.version}</span>
      </h2>
      <p className="ws-muted">
        {report.assessment.startDate} – {report.assessment.endDate} · {t('school.overall', figures(o))}
      </p>
      {score && (
        <dl className="ws-score" data-testid="score">
          <div className="ws-stat">
            <dt>{t('school.score')}</dt>
            <dd>{t('school.scoreValue', { total: formatNumber(score.total, locale), max: score.max })}</dd>
          </div>
          <div className={`ws-stat level-${score.level}`}>
            <dt>{t('school.level')}</dt>
            <dd>{t(`level.${score.level}`)}</dd>
          </div>
          {score.review && (
            <div className="ws-stat">
              <dt>{t('school.reviewScore')}</dt>
              <dd>
                {formatNumber(score.review.total, locale)} · {t(`level.${score.review.level}`)}
              </dd>
            </div>
          )}
        </dl>
      )}
      {score && score.vetoFailed.length > 0 && <p className="ws-error">{t('school.vetoFailed', { codes: score.vetoFailed.join('、') })}</p>}
      {score && score.aspects.length > 0 && (
        <>
          <h3>{t('school.aspects')}</h3>
          <table className="ws-table ws-table-compact ws-narrow">
            <thead>
              <tr>
                <th scope="col">{t('school.aspectCol.title')}</th>
                <th scope="col" className="num">{t('school.aspectCol.max')}</th>
                <th scope="col" className="num">{t('school.aspectCol.self')}</th>
                <th scope="col" className="num">{t('school.aspectCol.lost')}</th>
                <th scope="col" className="num">{t('school.aspectCol.review')}</th>
              </tr>
            </thead>
            <tbody>
              {score.aspects.map((a) => (
                <tr key={a.areaCode}>
                  <th scope="row">{a.title}</th>
                  <td className="num">{formatNumber(a.max, locale)}</td>
                  <td className="num">{formatNumber(a.self, locale)}</td>
                  <td className="num">{formatNumber(a.lost, locale)}</td>
                  <td className="num">{formatNumber(a.review, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('school.items')}</h3>
      {report.areas.map((area) => {
        const items = report.items.filter((i) => i.areaCode === area.areaCode);
        if (items.length === 0) return null;
        return (
          <section key={area.areaCode} className="ws-area" aria-labelledby={`area-${area.areaCode}`}>
            <h4 id={`area-${area.areaCode}`}>
              {area.title} <span className="ws-muted">{t('school.overall', figures(area))}</span>
            </h4>
            <ol className="ws-items">
              {items.map((item) => (
                <ItemView key={item.code} item={item} sha512={sha512} points={pointScore.get(item.code)} />
              ))}
            </ol>
          </section>
        );
      })}
    </section>
  );
}

function ItemView({ item, sha512, points }: { item: ReportItem; sha512: string; points?: { self: number; max: number } }) {
  const { t, locale } = useT();
  return (
    <li className="ws-item" data-code={item.code}>
      <div className="ws-item-head">
        <code>{item.code}</code> <span className="ws-item-title">{item.title}</span> <StatusBadge status={item.status} />
        {item.key && <span className="ws-badge ws-key">{t('school.key')}</span>}
        {points && <span className="ws-muted">{t('school.points', { self: formatNumber(points.self, locale), max: formatNumber(points.max, locale) })}</span>}
      </div>
      {item.confidential ? (
        <p className="ws-muted ws-small">{t('school.confidential')}</p>
      ) : (
        <>
          {item.valueText && (
            <p>
              <span className="ws-label">{t('school.value')}：</span>
              {item.valueText}
            </p>
          )}
          {item.reasons.length > 0 && (
            <ul className="ws-reasons" aria-label={t('school.reasons')}>
              {item.reasons.map((r, i) => (
                <li key={i}>{r.text}</li>
              ))}
            </ul>
          )}
          {item.note && (
            <p>
              <span className="ws-label">{t('school.note')}：</span>
              {item.note}
            </p>
          )}
          {item.evidence.length > 0 && <Evidence files={item.evidence} sha512={sha512} />}
        </>
      )}
    </li>
  );
}

function Evidence({ files, sha512 }: { files: ReportFile[]; sha512: string }) {
  const { t } = useT();
  return (
    <div className="ws-evidence">
      <span className="ws-label">{t('school.evidence', { n: files.length })}</span>
      <ul>
        {files.map((f) => {
          const url = packageFilePath(sha512, f.path);
          const name = f.caption || f.originalName;
          if (f.mime.startsWith('image/'))
            return (
              <li key={f.path} className="ws-thumb">
                <a href={url} target="_blank" rel="noopener noreferrer">
                  <img src={url} alt={name} loading="lazy" width={96} height={72} />
                </a>
              </li>
            );
          return (
            <li key={f.path}>
              <a href={url} target="_blank" rel="noopener noreferrer">
                {f.mime === 'application/pdf' ? t('school.pdf', { name }) : t('school.file', { name })}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
