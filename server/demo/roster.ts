// The demo county's schools: the eight county-level divisions of 湘西州, town
// names, a mix of school types and a quality figure per school. Seeded, so the
// same --schools N gives the same county each time.
import type { SchoolType } from '../../shared/template/schema';
import type { DemoSchool } from './syntheticReport';

export const DEMO_COUNTIES = ['吉首市', '泸溪县', '凤凰县', '花垣县', '保靖县', '古丈县', '永顺县', '龙山县'] as const;

const TOWNS = ['乾州', '河溪', '矮寨', '太平', '双塘', '丹青', '马颈坳', '己略', '浦市', '武溪', '沱江', '阿拉营', '山江', '禾库', '边城', '龙潭', '吉卫', '迁陵', '清水坪', '葫芦', '默戎', '断龙山', '红石林', '灵溪', '芙蓉', '石堤', '青坪', '民安', '里耶', '洗车河', '茨岩塘', '召市'];

const KIND: Record<'primary' | 'junior' | 'nine_year', string> = { primary: '中心小学', junior: '中学', nine_year: '九年一贯制学校' };
const TYPE_WORDS: Record<'primary' | 'junior' | 'nine_year', string> = { primary: '小学', junior: '初中', nine_year: '九年一贯制' };

export function demoSchools(n: number, rnd: () => number): DemoSchool[] {
  const out: DemoSchool[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const c = i % DEMO_COUNTIES.length;
    const county = DEMO_COUNTIES[c] ?? '吉首市';
    const x = rnd();
    const type: 'primary' | 'junior' | 'nine_year' = x < 0.6 ? 'primary' : x < 0.85 ? 'junior' : 'nine_year';
    const town = TOWNS[Math.floor(rnd() * TOWNS.length)] ?? '乾州';
    let name = `${county}${town}镇${KIND[type]}`;
    for (let k = 2; used.has(name); k++) name = `${county}${town}镇第${k}${KIND[type]}`;
    used.add(name);
    out.push({ code: `1433${String(c + 1).padStart(2, '0')}${String(i + 1).padStart(4, '0')}`, name, type: type satisfies SchoolType, county, quality: 0.55 + rnd() * 0.4 });
  }
  return out;
}

/** The roster as a bureau keeps it: a CSV with the Chinese headers the roster import reads. */
export function rosterCsv(schools: readonly DemoSchool[]): string {
  const rows = schools.map((s) => [s.code, s.name, TYPE_WORDS[s.type as 'primary' | 'junior' | 'nine_year'] ?? s.type, s.county].join(','));
  return ['学校标识码,学校名称,办学类型,所属县区', ...rows].join('\n') + '\n';
}
