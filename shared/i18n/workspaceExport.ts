// Words of the workspace's XLSX files (the export of a campaign and the list
// of schools not submitted). Bureaus open them in WPS or Excel and pass them
// on, so the sheet and column names are Chinese by default; en is there for
// the same files made on an English-speaking server.
import type { Locale } from '../domain/settings';

const zhCN = {
  sheets: { roster: '名单与状态', matrix: '评分矩阵', reviews: '督导意见', rectify: '整改', missing: '未提交学校' },
  roster: {
    code: '学校代码',
    name: '学校名称',
    type: '学校类型',
    county: '区县',
    state: '提交状态',
    firstReceivedAt: '首次提交时间',
    latestReceivedAt: '最近提交时间',
    versions: '版本数',
    total: '自评总分',
    level: '自评等级',
    review: '督导状态',
    open: '待整改',
    rectified: '已整改待核查',
    closed: '已销号',
    overdue: '逾期未整改',
  },
  matrix: { self: '自评', review: '复核' },
  reviews: { reviewer: '督学', state: '状态', updatedAt: '更新时间', publishedAt: '发布时间', deadline: '整改期限', opinion: '督导意见' },
  rectify: {
    point: '指标',
    comment: '督导意见',
    state: '整改状态',
    measures: '学校整改措施',
    responsible: '责任人',
    schoolDeadline: '学校计划完成日期',
    schoolStatus: '学校填报状态',
    receivedAt: '整改报告收到时间',
    checkedBy: '核查人',
    checkedAt: '核查时间',
    checkComment: '核查意见',
  },
  states: { on_time: '按时提交', late: '逾期提交', rejected: '被拒收', missing: '未提交' },
  reviewStates: { none: '未督导', draft: '草稿', published: '已发布' },
  pointStates: { open: '待整改', rectified: '已整改待核查', closed: '已销号', reopened: '重新整改' },
  schoolStatus: { in_progress: '整改中', done: '已完成' },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type ExportWords = Shape<typeof zhCN>;

const en: ExportWords = {
  sheets: { roster: 'Roster and status', matrix: 'Score matrix', reviews: 'Review opinions', rectify: 'Rectification', missing: 'Not submitted' },
  roster: {
    code: 'School code',
    name: 'School name',
    type: 'School type',
    county: 'County',
    state: 'Submission',
    firstReceivedAt: 'First received',
    latestReceivedAt: 'Latest received',
    versions: 'Versions',
    total: 'Self-score',
    level: 'Self level',
    review: 'Review',
    open: 'To rectify',
    rectified: 'Rectified, to check',
    closed: 'Closed',
    overdue: 'Overdue',
  },
  matrix: { self: 'self', review: 'review' },
  reviews: { reviewer: 'Reviewer', state: 'State', updatedAt: 'Updated', publishedAt: 'Published', deadline: 'Rectify by', opinion: 'Opinion' },
  rectify: {
    point: 'Point',
    comment: 'Reviewer comment',
    state: 'State',
    measures: 'School measures',
    responsible: 'Responsible',
    schoolDeadline: 'School deadline',
    schoolStatus: 'School status',
    receivedAt: 'Rectification received',
    checkedBy: 'Checked by',
    checkedAt: 'Checked at',
    checkComment: 'Check comment',
  },
  states: { on_time: 'On time', late: 'Late', rejected: 'Rejected', missing: 'Missing' },
  reviewStates: { none: 'None', draft: 'Draft', published: 'Published' },
  pointStates: { open: 'Open', rectified: 'Rectified', closed: 'Closed', reopened: 'Reopened' },
  schoolStatus: { in_progress: 'In progress', done: 'Done' },
};

export const exportWords: Record<Locale, ExportWords> = { 'zh-CN': zhCN, en };
