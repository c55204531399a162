import { ProblemException } from '../common/problem';

export const invalidCredentials = () =>
  new ProblemException(401, 'AUTH_INVALID_CREDENTIALS', {
    ja: 'メールアドレスまたはパスワードが違います。',
    en: 'The email or password is wrong.',
  });

/**
 * A password that confirms something (the current one, the sign-up one) is wrong. 400, not 401: the session
 * stays. `field` names the input in the problem's `field` member.
 */
export const passwordWrong = (field: string) =>
  new ProblemException(
    400,
    'PASSWORD_WRONG',
    { ja: 'パスワードが違います。', en: 'The password is wrong.' },
    undefined,
    undefined,
    { field },
  );
