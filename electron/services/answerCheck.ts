// Checks an answer value against its item: the type must match, chosen options must exist,
// and a quantity is not negative.
import type { AnswerValue } from '../../shared/domain/answer';
import type { Item } from '../../shared/template/schema';
import { invalid } from './errors';

export function checkAnswerFits(item: Item, value: AnswerValue): void {
  if (value.type !== item.type)
    throw invalid('answer.wrongType', { itemCode: item.code, expected: item.type, got: value.type });
  const unknown = (chosen: string[], allowed: { value: string }[]): void => {
    const known = new Set(allowed.map((o) => o.value));
    const bad = chosen.find((c) => !known.has(c));
    if (bad !== undefined) throw invalid('answer.unknownOption', { itemCode: item.code, option: bad });
  };
  // Every number item of a checklist counts something (lessons, staff, books, square metres): none can be negative.
  if (value.type === 'number' && value.value < 0) throw invalid('answer.negative', { itemCode: item.code, value: value.value });
  if (item.type === 'single_choice' && value.type === 'single_choice') unknown([value.value], item.options);
  if (item.type === 'multi_choice' && value.type === 'multi_choice') unknown(value.values, item.options);
  if (item.type === 'checklist' && value.type === 'checklist') unknown(value.parts, item.parts);
}

/** Removes repeated choices so equal answers compare equal. */
export function normaliseAnswer(value: AnswerValue): AnswerValue {
  if (value.type === 'multi_choice') return { ...value, values: [...new Set(value.values)] };
  if (value.type === 'checklist') return { ...value, parts: [...new Set(value.parts)] };
  return value;
}
