import { ACCESS_LINK_MAX_DAYS, accessLinkExpiry } from './access-token';

const DAY = 86_400_000;

describe('accessLinkExpiry', () => {
  // 2026-11-10 12:00 in Tokyo.
  const now = new Date('2026-11-10T03:00:00Z');

  it('ends at the end of (due date + grace days), Tokyo time, when that is within 30 days', () => {
    const { expiresAt, expiresOn } = accessLinkExpiry('2026-11-20', 5, now);
    expect(expiresAt.toISOString()).toBe('2026-11-25T15:00:00.000Z'); // 26 Nov 00:00 in Tokyo
    expect(expiresOn).toBe('2026-11-25');
  });

  it('never lives longer than 30 days, however far the due date', () => {
    const { expiresAt, expiresOn } = accessLinkExpiry('2099-12-31', 14, now);
    expect(ACCESS_LINK_MAX_DAYS).toBe(30);
    expect(expiresOn).toBe('2026-12-09'); // 30 Tokyo days counting today
    expect(expiresAt.toISOString()).toBe('2026-12-09T15:00:00.000Z'); // 10 Dec 00:00 in Tokyo
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(ACCESS_LINK_MAX_DAYS * DAY);
  });

  it('caps at exactly 30 days issued at Tokyo midnight, and less at any later hour', () => {
    const midnight = new Date('2026-11-09T15:00:00Z');
    expect(accessLinkExpiry('2099-12-31', 14, midnight).expiresAt.getTime() - midnight.getTime()).toBe(
      ACCESS_LINK_MAX_DAYS * DAY,
    );
    const late = new Date('2026-11-10T14:59:59Z'); // 23:59:59 in Tokyo
    const life = accessLinkExpiry('2099-12-31', 14, late).expiresAt.getTime() - late.getTime();
    expect(life).toBeLessThan(ACCESS_LINK_MAX_DAYS * DAY);
    expect(life).toBeGreaterThan((ACCESS_LINK_MAX_DAYS - 1) * DAY);
  });

  it('the due-date rule wins when it is earlier, even already past', () => {
    expect(accessLinkExpiry('2026-11-01', 0, now).expiresOn).toBe('2026-11-01');
    expect(accessLinkExpiry('2026-11-01', 0, now).expiresAt < now).toBe(true);
  });
});
