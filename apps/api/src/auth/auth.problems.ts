import { ProblemException } from '../common/problem';

export const invalidCredentials = () =>
  new ProblemException(401, 'AUTH_INVALID_CREDENTIALS', {
    ja: 'メールアドレスまたはパスワードが違います。',
    en: 'The email or password is wrong.',
  });

/** A password that confirms something (the current one, the sign-up one) is wrong. 400, not 401: the session stays. */
export const passwordWrong = (field: string) =>
  new ProblemException(
    400,
    'PASSWORD_WRONG',
    { ja: 'パスワードが違います。', en: 'The password is wrong.' },
    [{ field, message: { ja: 'パスワードが違います。', en: 'wrong password' } }],
  );
