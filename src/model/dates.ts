/** Dates as profiles and jurisdiction files write them. */

/** YYYY, YYYY-MM or YYYY-MM-DD (digits already checked) naming a day that exists. */
export function isRealDate(text: string): boolean {
  const y = Number(text.slice(0, 4));
  const m = text.length > 4 ? Number(text.slice(5, 7)) : 1;
  const d = text.length > 7 ? Number(text.slice(8, 10)) : 1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}
