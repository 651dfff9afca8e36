// What the demo's PDFs say: area document bundles, records and sign-in sheets.
import type { Area, EventKind, Item } from '../../shared/template/schema';
import type { PdfContent } from './media';
import type { Rng } from './random';
import { DEMO_PERIOD, DEMO_PROFILE } from './school';

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '彭', '向', '田', '龙', '石', '覃', '符', '滕'];
const GIVEN = ['明', '华', '丽', '军', '芳', '强', '敏', '静', '磊', '洋', '艳', '勇', '杰', '娟', '涛', '燕', '婷', '鑫', '晨', '雨'];

const personName = (rng: Rng): string => rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');

const subtitle = `${DEMO_PROFILE.name} · ${DEMO_PERIOD.label}`;

export type DocKind = 'document' | 'record' | 'spreadsheet';

const DOC_TITLES: Record<DocKind, string> = {
  document: '工作制度与方案汇编',
  record: '工作记录汇编',
  spreadsheet: '统计台账',
};

export const areaDocName = (area: Area, kind: DocKind): string => `${area.code}-${area.title['zh-CN']}${DOC_TITLES[kind]}.pdf`;

export function areaDocument(area: Area, kind: DocKind, rng: Rng): PdfContent {
  const title = `${area.title['zh-CN']}${DOC_TITLES[kind]}`;
  const paragraphs = [
    `为落实上级关于${area.title['zh-CN']}的工作要求,结合本校实际,现将本学年相关${kind === 'document' ? '制度和方案' : kind === 'record' ? '工作记录' : '统计数据'}汇编如下,供自查和督导检查使用。`,
    ...area.items.map((item, i) => `${i + 1}. ${item.title['zh-CN']} ${item.guidance['zh-CN']}`),
    `本材料由学校办公室整理,经校务会审议。联系人:${personName(rng)},电话:0743-85${rng.int(10000, 99999)}。`,
  ];
  const table =
    kind === 'spreadsheet'
      ? [['序号', '项目', '本学年数据', '备注'], ...area.items.slice(0, 12).map((item, i) => [String(i + 1), item.code, String(rng.int(1, 120)), rng.chance(0.3) ? '已核对' : ''])]
      : undefined;
  return { title, subtitle, paragraphs, table };
}

export function itemSupplement(item: Item, n: number): PdfContent {
  return {
    title: `${item.code} 补充材料(${n})`,
    subtitle,
    paragraphs: [`事项:${item.title['zh-CN']}`, `说明:${item.guidance['zh-CN']}`, '以上情况属实,特此说明。'],
  };
}

export function eventRecord(kind: EventKind, date: string, participants: number, rng: Rng): PdfContent {
  const label = kind.label['zh-CN'];
  const rows = Array.from({ length: 10 }, (_, i) => [String(i + 1), personName(rng), `${rng.int(1, 9)}年级${rng.int(1, 2)}班`, '已签到']);
  return {
    title: `${label}记录`,
    subtitle: `${subtitle} · ${date}`,
    paragraphs: [
      `时间:${date}。地点:学校${rng.pick(['操场', '多功能厅', '会议室', '各班教室'])}。参加人数:${participants} 人。`,
      `内容:按照学校${label}工作安排,由${personName(rng)}负责组织实施,全过程有序开展,达到预期目的。`,
      `存在问题与改进:${rng.pick(['个别班级集合较慢,已在班主任会上通报。', '无。', '部分记录填写不规范,已要求补正。'])}`,
      '签到表(节选):',
    ],
    table: [['序号', '姓名', '班级/部门', '签到'], ...rows],
  };
}
