// The monthly to-do: what recurring events fall due this month, what was missed,
// what is only planned; written from the rule "at least min per unit", not from the code.
import { monthlyTodo } from '../../shared/status/todo';
import type { AssessmentPeriod } from '../../shared/status/frequency';
import { ev, makeTemplate } from './fixtures';

const YEAR: AssessmentPeriod = { startDate: '2024-09-01', endDate: '2025-08-31', periodKind: 'school_year' };
const template = makeTemplate({
  SAF: [
    { code: 'SAF-01', type: 'event_log', frequency: { eventKind: 'drill', min: 1, per: 'month' } },
    { code: 'SAF-02', type: 'event_log', frequency: { eventKind: 'meeting', min: 2, per: 'month' }, key: true },
    { code: 'SAF-03', type: 'event_log', frequency: { eventKind: 'lesson', min: 4, per: 'school_year' } },
    { code: 'SAF-04', type: 'yes_no' },
  ],
});
const all = () => true;

test('lists the month under way for every monthly rule not yet done, key items first', () => {
  const todo = monthlyTodo(template, { ...YEAR, judgeFrom: '2024-11-01' }, '2024-11-10', [], all);
  expect(todo.map((t) => [t.itemCode, t.state, t.unit, t.due, t.have, t.need])).toEqual([
    ['SAF-02', 'due', '2024-11', '2024-11-30', 0, 2],
    ['SAF-01', 'due', '2024-11', '2024-11-30', 0, 1],
  ]);
});

test('a month already done drops out; a month missed after the start is overdue and comes first', () => {
  const events = [ev('drill', '2024-11-03'), ev('meeting', '2024-10-08')];
  const todo = monthlyTodo(template, { ...YEAR, judgeFrom: '2024-10-01' }, '2024-11-10', events, all);
  expect(todo.map((t) => [t.itemCode, t.state, t.unit, t.have])).toEqual([
    ['SAF-02', 'overdue', '2024-10', 1],
    ['SAF-01', 'overdue', '2024-10', 0],
    ['SAF-02', 'due', '2024-11', 0],
  ]);
  // September lies before the school began (judgeFrom): not overdue.
  expect(todo.some((t) => t.unit === '2024-09')).toBe(false);
});

test('a future-dated drill is planned, not done', () => {
  const todo = monthlyTodo(template, { ...YEAR, judgeFrom: '2024-11-01' }, '2024-11-10', [ev('drill', '2024-11-20')], all);
  const drill = todo.find((t) => t.itemCode === 'SAF-01');
  expect(drill).toMatchObject({ state: 'planned', have: 0, planned: 1 });
  expect(todo[todo.length - 1]?.itemCode).toBe('SAF-01'); // planned after what is due
});

test('items that do not apply to the school are left out; holidays ask for nothing', () => {
  expect(monthlyTodo(template, { ...YEAR, judgeFrom: '2024-11-01' }, '2024-11-10', [], (code) => code !== 'SAF-02').map((t) => t.itemCode)).toEqual(['SAF-01']);
  // Without a later start, every missed month since September is overdue.
  expect(monthlyTodo(template, YEAR, '2024-11-10', [], (code) => code === 'SAF-01').map((t) => [t.unit, t.state])).toEqual([['2024-09', 'overdue'], ['2024-10', 'overdue'], ['2024-11', 'due']]);
  expect(monthlyTodo(template, { ...YEAR, judgeFrom: '2025-07-01' }, '2025-07-15', [], all)).toEqual([]);
});
