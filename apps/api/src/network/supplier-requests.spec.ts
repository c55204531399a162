import { canAnswer, isSupplierSide, type AssessmentAccess } from '../assessments/assessment-access';
import { contactHeld, initialRequestStatus, placeSupplier } from './supplier-requests';

describe('supplier access rules', () => {
  it('a number an organization already holds gets a record of the buyer’s own; an unknown one a new organization', () => {
    expect(placeSupplier(true)).toBe('buyer-record');
    expect(placeSupplier(false)).toBe('new-organization');
  });

  it('every link with a 法人番号 starts as a request; one without has nobody to ask', () => {
    expect(initialRequestStatus('1234567890123')).toBe('pending');
    expect(initialRequestStatus(null)).toBeNull();
    expect(initialRequestStatus(undefined)).toBeNull();
  });

  it('holds the contact’s links while admins have to decide, and after they declined', () => {
    expect(contactHeld('pending', true)).toBe(true);
    expect(contactHeld('declined', true)).toBe(true);
    expect(contactHeld('declined', false)).toBe(true);
    // Nobody to ask: the contact becomes a guest of the one assessment.
    expect(contactHeld('pending', false)).toBe(false);
    // Accepted (or never asked).
    expect(contactHeld(null, true)).toBe(false);
    expect(contactHeld(null, false)).toBe(false);
  });

  it('guests answer their assessment; of the members, admins and respondents answer, everyone reads', () => {
    const none: Pick<AssessmentAccess, 'supplierRoles' | 'isGuest'> = { supplierRoles: [], isGuest: false };
    expect([canAnswer(none), isSupplierSide(none)]).toEqual([false, false]);
    expect([canAnswer({ ...none, isGuest: true }), isSupplierSide({ ...none, isGuest: true })]).toEqual([
      true,
      true,
    ]);
    for (const role of ['admin', 'respondent'] as const) {
      expect(canAnswer({ supplierRoles: [role], isGuest: false })).toBe(true);
    }
    for (const role of ['procurement', 'evaluator'] as const) {
      expect([
        canAnswer({ supplierRoles: [role], isGuest: false }),
        isSupplierSide({ supplierRoles: [role], isGuest: false }),
      ]).toEqual([false, true]);
    }
  });
});
