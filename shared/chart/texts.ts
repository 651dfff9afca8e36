// The chart's own words in both languages, shared by the app's i18n resources and report.html.
export const chartTexts = {
  'zh-CN': {
    legend: '图例',
    sep: '，',
    bar: '{{area}}：{{parts}}（共 {{total}} 个适用项目）',
    counts: '各领域项目数',
    area: '领域',
    total: '适用项目',
    compliance: '达标率',
    striped: '（斜纹）',
    status: { met: '达标', partly_met: '部分达标', not_met: '未达标', unanswered: '未填写' },
  },
  en: {
    legend: 'Legend',
    sep: ', ',
    bar: '{{area}}: {{parts}} ({{total}} applicable items)',
    counts: 'Items per area',
    area: 'Area',
    total: 'Applicable',
    compliance: 'Compliance',
    striped: ' (striped)',
    status: { met: 'Met', partly_met: 'Partly met', not_met: 'Not met', unanswered: 'Unanswered' },
  },
} as const;

export type ChartLanguage = keyof typeof chartTexts;
