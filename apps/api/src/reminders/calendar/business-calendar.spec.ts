import fc from 'fast-check';
import {
  HOLIDAY_DATA_YEARS,
  TOKYO_TIME_ZONE,
  addBusinessDays,
  addCalendarDays,
  businessDayOnOrAfter,
  isBusinessDay,
  isJapaneseHoliday,
  isYearEndClosure,
  nextSendSlot,
  tokyoDate,
  tokyoInstant,
} from './business-calendar';

const WINDOW = { startHour: 9, endHour: 18 };
/** An instant given as Tokyo wall-clock time, written out in full so the tests do not rely on the code under test. */
const jst = (isoLocal: string) => new Date(`${isoLocal}+09:00`);

describe('tokyoDate / tokyoInstant', () => {
  it('maps instants to the Tokyo calendar day across UTC midnight', () => {
    expect(tokyoDate(new Date('2026-06-07T14:59:59.999Z'))).toBe('2026-06-07');
    expect(tokyoDate(new Date('2026-06-07T15:00:00.000Z'))).toBe('2026-06-08');
    expect(tokyoDate(jst('2027-01-01T00:00:00'))).toBe('2027-01-01');
  });

  it('turns a Tokyo day and hour into the absolute instant', () => {
    expect(tokyoInstant('2026-06-08', 9).toISOString()).toBe('2026-06-08T00:00:00.000Z');
    expect(tokyoInstant('2026-06-08', 0).toISOString()).toBe('2026-06-07T15:00:00.000Z');
  });

  it('agrees with Intl (Asia/Tokyo) for arbitrary instants', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: TOKYO_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1975-01-01T00:00:00Z'),
          max: new Date('2050-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
          expect(tokyoDate(d)).toBe(`${p.year}-${p.month}-${p.day}`);
        },
      ),
    );
  });

  it('rejects malformed dates and invalid instants', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => isBusinessDay('2026-6-8')).toThrow(RangeError);
    expect(() => tokyoDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('isBusinessDay', () => {
  it('skips weekends', () => {
    expect(isBusinessDay('2026-06-05')).toBe(true); // Friday
    expect(isBusinessDay('2026-06-06')).toBe(false); // Saturday
    expect(isBusinessDay('2026-06-07')).toBe(false); // Sunday
    expect(isBusinessDay('2026-06-08')).toBe(true); // Monday
  });

  it('skips 勤労感謝の日 2026-11-23 (a Monday)', () => {
    expect(isJapaneseHoliday('2026-11-23')).toBe(true);
    expect(isBusinessDay('2026-11-23')).toBe(false);
    expect(isBusinessDay('2026-11-24')).toBe(true);
  });

  it('skips Golden Week 2027 per the library data: 4/29, 5/3, 5/4, 5/5; 4/30 and 5/6 are business days', () => {
    const days = [
      '2027-04-28',
      '2027-04-29',
      '2027-04-30',
      '2027-05-01',
      '2027-05-02',
      '2027-05-03',
      '2027-05-04',
      '2027-05-05',
      '2027-05-06',
    ];
    expect(days.filter((d) => isBusinessDay(d))).toEqual(['2027-04-28', '2027-04-30', '2027-05-06']);
    expect(days.filter((d) => isJapaneseHoliday(d))).toEqual([
      '2027-04-29',
      '2027-05-03',
      '2027-05-04',
      '2027-05-05',
    ]);
  });

  it('skips substitute holidays (振替休日) and citizens’ holidays (国民の休日)', () => {
    expect(isBusinessDay('2026-05-06')).toBe(false); // こどもの日 振替休日 (Wednesday)
    expect(isBusinessDay('2027-03-22')).toBe(false); // 春分の日 (Sun 3/21) 振替休日
    expect(isBusinessDay('2026-09-22')).toBe(false); // 国民の休日 between 敬老の日 and 秋分の日
    expect(isBusinessDay('2027-03-23')).toBe(true);
  });

  it('skips the year-end closure 12/29–1/3 by default, and not when turned off', () => {
    const days = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-04'];
    expect(days.filter((d) => isBusinessDay(d))).toEqual(['2026-12-28', '2027-01-04']);
    expect(days.filter((d) => isBusinessDay(d, { skipYearEnd: false }))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-04',
    ]);
    expect(isYearEndClosure('2027-01-03')).toBe(true);
    expect(isYearEndClosure('2027-01-04')).toBe(false);
    expect(isYearEndClosure('2026-12-28')).toBe(false);
  });

  it('refuses years the holiday data does not cover instead of guessing', () => {
    expect(HOLIDAY_DATA_YEARS.first).toBeLessThanOrEqual(2020);
    expect(HOLIDAY_DATA_YEARS.last).toBeGreaterThanOrEqual(2030);
    expect(() => isBusinessDay(`${HOLIDAY_DATA_YEARS.last + 1}-06-01`)).toThrow(/holiday data/);
  });
});

describe('addBusinessDays', () => {
  it('counts forward over weekends and holidays', () => {
    expect(addBusinessDays('2026-06-05', 1)).toBe('2026-06-08');
    expect(addBusinessDays('2027-04-28', 2)).toBe('2027-05-06');
    expect(addBusinessDays('2026-06-06', 1)).toBe('2026-06-08'); // from a Saturday
  });

  it('counts backward for negative n', () => {
    expect(addBusinessDays('2027-05-06', -1)).toBe('2027-04-30');
    expect(addBusinessDays('2027-05-06', -2)).toBe('2027-04-28');
    expect(addBusinessDays('2026-11-24', -1)).toBe('2026-11-20'); // over 11/23 and the weekend
    expect(addBusinessDays('2026-06-06', -1)).toBe('2026-06-05'); // from a Saturday
    expect(addBusinessDays('2027-01-04', -1)).toBe('2026-12-28');
    expect(addBusinessDays('2027-01-04', -1, { skipYearEnd: false })).toBe('2026-12-31');
  });

  it('returns the date unchanged for n = 0 and refuses fractions', () => {
    expect(addBusinessDays('2026-06-06', 0)).toBe('2026-06-06');
    expect(() => addBusinessDays('2026-06-08', 1.5)).toThrow(RangeError);
  });

  it('goes back where it came from (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 25 }),
        fc.integer({ min: -40, max: 40 }),
        fc.boolean(),
        (offset, n, skipYearEnd) => {
          const opts = { skipYearEnd };
          const start = businessDayOnOrAfter(addCalendarDays('2021-01-01', offset), opts);
          const moved = addBusinessDays(start, n, opts);
          expect(isBusinessDay(moved, opts)).toBe(true);
          expect(addBusinessDays(moved, -n, opts)).toBe(start);
        },
      ),
    );
  });
});

describe('nextSendSlot', () => {
  it('holds the window edges: 08:59 waits, 09:00 and 17:59 send now, 18:00 is next business day', () => {
    expect(nextSendSlot(jst('2026-06-08T08:59:00'), WINDOW)).toEqual(jst('2026-06-08T09:00:00'));
    expect(nextSendSlot(jst('2026-06-08T09:00:00'), WINDOW)).toEqual(jst('2026-06-08T09:00:00'));
    expect(nextSendSlot(jst('2026-06-08T17:59:59.999'), WINDOW)).toEqual(jst('2026-06-08T17:59:59.999'));
    expect(nextSendSlot(jst('2026-06-08T18:00:00'), WINDOW)).toEqual(jst('2026-06-09T09:00:00'));
  });

  it('moves from a Friday evening or a weekend to Monday 09:00 JST', () => {
    expect(nextSendSlot(jst('2026-06-05T18:30:00'), WINDOW)).toEqual(jst('2026-06-08T09:00:00'));
    expect(nextSendSlot(jst('2026-06-07T11:00:00'), WINDOW)).toEqual(jst('2026-06-08T09:00:00'));
    // Sunday 00:30 JST is still Saturday in UTC.
    expect(nextSendSlot(new Date('2026-06-06T15:30:00Z'), WINDOW).toISOString()).toBe(
      '2026-06-08T00:00:00.000Z',
    );
  });

  it('jumps over Golden Week and the year-end closure', () => {
    expect(nextSendSlot(jst('2027-04-30T19:00:00'), WINDOW)).toEqual(jst('2027-05-06T09:00:00'));
    expect(nextSendSlot(jst('2026-12-28T18:00:00'), WINDOW)).toEqual(jst('2027-01-04T09:00:00'));
    expect(nextSendSlot(jst('2026-12-28T18:00:00'), WINDOW, { skipYearEnd: false })).toEqual(
      jst('2026-12-29T09:00:00'),
    );
  });

  it('supports a custom window and refuses an empty or out-of-range one', () => {
    expect(nextSendSlot(jst('2026-06-08T07:00:00'), { startHour: 0, endHour: 24 })).toEqual(
      jst('2026-06-08T07:00:00'),
    );
    expect(() => nextSendSlot(jst('2026-06-08T10:00:00'), { startHour: 18, endHour: 9 })).toThrow(RangeError);
    expect(() => nextSendSlot(jst('2026-06-08T10:00:00'), { startHour: 9, endHour: 25 })).toThrow(RangeError);
  });

  it('is always at or after now, on a business day, inside the window (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2049-12-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc
          .integer({ min: 0, max: 23 })
          .chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: s + 1, max: 24 }))),
        fc.boolean(),
        (now, [startHour, endHour], skipYearEnd) => {
          const slot = nextSendSlot(now, { startHour, endHour }, { skipYearEnd });
          expect(slot.getTime()).toBeGreaterThanOrEqual(now.getTime());
          const day = tokyoDate(slot);
          expect(isBusinessDay(day, { skipYearEnd })).toBe(true);
          expect(slot.getTime()).toBeGreaterThanOrEqual(tokyoInstant(day, startHour).getTime());
          expect(slot.getTime()).toBeLessThan(tokyoInstant(day, endHour).getTime());
        },
      ),
    );
  });
});
