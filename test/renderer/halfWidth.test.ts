import { toHalfWidthDigits } from '../../shared/text/halfWidth';

test('full-width digits and signs read as ASCII; other text is left alone', () => {
  expect(toHalfWidthDigits('１４３００００００１')).toBe('1430000001');
  expect(toHalfWidthDigits('－３')).toBe('-3');
  expect(toHalfWidthDigits('１２．５')).toBe('12.5');
  expect(toHalfWidthDigits('共１４３人，')).toBe('共143人,');
  expect(Number(toHalfWidthDigits('１４３'))).toBe(143);
});
