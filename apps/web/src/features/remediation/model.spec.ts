import { describe, expect, it } from '@jest/globals';
import { changedFields, planFields, supportLink } from './model';
import type { RemediationDetail } from './types';

const item = {
  plan: '規程を作る',
  ownerName: '佐藤',
  dueDate: '2099-06-30',
  supportOffer: '',
} as RemediationDetail;

describe('remediation form model', () => {
  it('sends only the changed fields; an emptied date clears it', () => {
    expect(changedFields(item, planFields(item))).toEqual({});
    expect(changedFields(item, { ...planFields(item), ownerName: '鈴木', dueDate: '' })).toEqual({
      ownerName: '鈴木',
      dueDate: null,
    });
  });

  it('links a support offer only when it is a web address', () => {
    expect(supportLink(' https://www.ipa.go.jp/security/otasuketai-pr/ ')).toBe(
      'https://www.ipa.go.jp/security/otasuketai-pr/',
    );
    expect(supportLink('お助け隊サービス')).toBeNull();
    expect(supportLink('javascript:alert(1)')).toBeNull();
  });
});
