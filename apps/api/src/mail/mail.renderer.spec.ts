import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatMailDate,
  type MailLocale,
  MailRenderer,
  type MailTemplateData,
  type MailTemplateName,
  MAIL_TEMPLATE_NAMES,
} from './mail.renderer';

const HOSTILE = `<script>alert(1)</script>"&'`;
const LINK = 'https://tierstar.test/respond#token=abc_DEF-123&x=1';
const LINK_HTML = 'https://tierstar.test/respond#token=abc_DEF-123&amp;x=1';

/** HTML escaping as Handlebars does it (the expected strings below are built with it). */
const h = (s: string) =>
  s.replace(
    /[&<>"'`=]/g,
    (c) =>
      ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#x27;',
        '`': '&#x60;',
        '=': '&#x3D;',
      })[c] as string,
  );

const FOOTER = {
  ja: 'このメールは TierStar（サプライチェーンのセキュリティ評価サービス）から自動で送信しています。',
  en: 'This email was sent automatically by TierStar, a supply-chain security assessment service.',
};
const layout = (lang: MailLocale, subject: string, body: string[]) =>
  [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background:#f4f5f7;">',
    `<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;color:#1f2933;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','Hiragino Sans','Hiragino Kaku Gothic ProN',Meiryo,sans-serif;font-size:15px;line-height:1.7;">`,
    ...body,
    '<hr style="border:none;border-top:1px solid #d9dde3;margin:32px 0 16px;">',
    `<p style="margin:0;font-size:12px;color:#616e7c;">${FOOTER[lang]}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
const TABLE = '<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;">';
const row = (label: string, value: string) =>
  `<tr><th align="left" style="padding:4px 16px 4px 0;font-weight:normal;color:#52606d;white-space:nowrap;vertical-align:top;">${label}</th><td style="padding:4px 0;">${value}</td></tr>`;
const quote = (text: string) =>
  `<div style="margin:0 0 16px;padding:12px 16px;background:#f4f5f7;border-left:4px solid #9aa5b1;white-space:pre-line;">${text}</div>`;
const button = (label: string) =>
  `<p style="margin:24px 0;"><a href="${LINK_HTML}" style="display:inline-block;padding:12px 24px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">${label}</a></p>`;
const small = (text: string) => `<p style="font-size:13px;color:#52606d;">${text}</p>`;
const fallback = {
  ja: small(`ボタンが使えないときは、次のアドレスをブラウザに貼り付けてください。<br>${LINK_HTML}`),
  en: small(`If the button does not work, copy this address into your browser:<br>${LINK_HTML}`),
};

const invitation: MailTemplateData['assessment-invitation'] = {
  buyerName: `Buyer ${HOSTILE}`,
  supplierName: `Supplier ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  message: `Message ${HOSTILE}\nsecond line`,
  supportOffered: `Support ${HOSTILE}`,
  catalogueTitle: 'METI SCS 2026',
  targetLabel: '★3',
  dueDate: '2026-12-25',
  link: LINK,
  expiresOn: '2027-01-08',
};
const submitted: MailTemplateData['assessment-submitted'] = {
  supplierName: `Supplier ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  claimedLabel: '★3',
  link: LINK,
};
const returned: MailTemplateData['assessment-returned'] = {
  buyerName: `Buyer ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  commentCount: 2,
  link: LINK,
};
const accepted: MailTemplateData['assessment-accepted'] = {
  buyerName: `Buyer ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  link: LINK,
};
const orgInvitation: MailTemplateData['organization-invitation'] = {
  inviterName: `Inviter ${HOSTILE}`,
  organizationName: `Org ${HOSTILE}`,
  link: LINK,
  expiresOn: '2026-12-01',
};

const signupVerification: MailTemplateData['signup-verification'] = {
  name: `Name ${HOSTILE}`,
  organizationName: `Org ${HOSTILE}`,
  link: LINK,
};
const accountExists: MailTemplateData['signup-account-exists'] = { name: `Name ${HOSTILE}`, link: LINK };
const supplierRequest: MailTemplateData['supplier-request'] = {
  buyerName: `Buyer ${HOSTILE}`,
  requestedName: `Named ${HOSTILE}`,
  corporateNumber: '1234567890123',
  contactEmail: `c${HOSTILE}@supplier.test`,
  link: LINK,
};

const qReminder: MailTemplateData['questionnaire-reminder'] = {
  buyerName: `Buyer ${HOSTILE}`,
  supplierName: `Supplier ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  dueDate: '2026-12-25',
  daysOverdue: 3,
  toBuyer: false,
  link: LINK,
  expiresOn: '2027-01-08',
};
const remediation: MailTemplateData['remediation-reminder'] = {
  buyerName: `Buyer ${HOSTILE}`,
  supplierName: `Supplier ${HOSTILE}`,
  campaignTitle: `Campaign ${HOSTILE}`,
  criterionId: '1-1',
  plan: `Plan ${HOSTILE}\nsecond line`,
  ownerName: `Owner ${HOSTILE}`,
  dueDate: '2027-03-31',
  daysOverdue: 0,
  toBuyer: false,
  link: LINK,
};
const SUP = `Supplier ${HOSTILE}`;
const CAMP = `Campaign ${HOSTILE}`;
const digest: MailTemplateData['procurement-digest'] = {
  buyerName: `Buyer ${HOSTILE}`,
  weekStart: '2026-11-16',
  weekEnd: '2026-11-22',
  submissions: [{ supplierName: SUP, campaignTitle: CAMP, levelLabel: '★3' }],
  moreSubmissions: 0,
  overdue: [
    { supplierName: SUP, campaignTitle: CAMP, criterionId: '1-1', dueDate: '2026-11-01', daysOverdue: 22 },
    { supplierName: SUP, campaignTitle: CAMP, criterionId: '', dueDate: '2026-11-22', daysOverdue: 1 },
  ],
  moreOverdue: 2,
  starChanges: [{ supplierName: SUP, campaignTitle: CAMP, fromLabel: null, toLabel: '★3' }],
  moreStarChanges: 0,
  link: LINK,
};
const H2 = (text: string) => `<h2 style="font-size:16px;margin:24px 0 8px;">${text}</h2>`;
const UL = '<ul style="margin:0 0 16px;padding-left:20px;">';

interface Case<T extends MailTemplateName> {
  template: T;
  locale: MailLocale;
  data: MailTemplateData[T];
  subject: string;
  body: string[];
}
type AnyCase = { [T in MailTemplateName]: Case<T> }[MailTemplateName];

const i = invitation;
const cases: AnyCase[] = [
  {
    template: 'assessment-invitation',
    locale: 'ja',
    data: i,
    subject: `【ご協力のお願い】セキュリティ自己評価「${i.campaignTitle}」（${i.buyerName}）`,
    body: [
      `<p>${h(i.supplierName)}<br>ご担当者様</p>`,
      `<p>いつもお世話になっております。${h(i.buyerName)}です。</p>`,
      `<p>取引先の皆様と一緒にサプライチェーン全体のサイバーセキュリティを高めるため、「${h(i.campaignTitle)}」として、セキュリティ対策の自己評価へのご回答をお願いしております。お忙しいところ恐れ入りますが、ご協力をお願いいたします。</p>`,
      TABLE,
      row('評価の基準', 'METI SCS 2026'),
      row('目標のレベル', '★3'),
      row('回答の期限', '2026年12月25日'),
      '</table>',
      `<p style="margin:0 0 4px;">${h(i.buyerName)}からのメッセージ:</p>`,
      quote(h(i.message)),
      `<p style="margin:0 0 4px;">${h(i.buyerName)}がご用意しているご支援:</p>`,
      quote(h(i.supportOffered)),
      `<p>いまの対策の状況を、そのままお答えください。回答のために特定の製品やサービスを購入していただく必要はありません。わからない項目は、わからないと回答できます。ご不明な点は、遠慮なく${h(i.buyerName)}の担当者にご相談ください。</p>`,
      button('回答を始める'),
      '<p>このリンクは、このメールを受け取ったあなた専用です。サインインに1回だけ使えます。有効期限は2027年1月8日までです。ほかの方には転送しないでください。</p>',
      fallback.ja,
      small(
        `このメールに心当たりがないときは、リンクを開かずに、ふだんの連絡先で${h(i.buyerName)}にご確認ください。`,
      ),
    ],
  },
  {
    template: 'assessment-invitation',
    locale: 'en',
    data: i,
    subject: `Request from ${i.buyerName}: security self-assessment "${i.campaignTitle}"`,
    body: [
      `<p>Dear ${h(i.supplierName)} team,</p>`,
      `<p>${h(i.buyerName)} is asking its suppliers to complete a cybersecurity self-assessment, "${h(i.campaignTitle)}", so that together we can make the whole supply chain safer. Thank you for taking the time to help.</p>`,
      TABLE,
      row('Guideline', 'METI SCS 2026'),
      row('Target level', '★3'),
      row('Please answer by', '25 Dec 2026'),
      '</table>',
      `<p style="margin:0 0 4px;">Message from ${h(i.buyerName)}:</p>`,
      quote(h(i.message)),
      `<p style="margin:0 0 4px;">Support offered by ${h(i.buyerName)}:</p>`,
      quote(h(i.supportOffered)),
      `<p>Please describe your security measures as they are today. You do not need to buy any particular product or service to answer. If you are not sure about an item, you can say that you don't know. If you have questions, please ask your contact at ${h(i.buyerName)}.</p>`,
      button('Start answering'),
      '<p>This link is for you only. It signs you in once and then stops working, and it is valid until 8 Jan 2027. Please do not forward it.</p>',
      fallback.en,
      small(
        `If you were not expecting this email, do not open the link; check with ${h(i.buyerName)} using contact details you already know.`,
      ),
    ],
  },
  {
    template: 'assessment-submitted',
    locale: 'ja',
    data: submitted,
    subject: `【回答の提出】${submitted.supplierName}「${submitted.campaignTitle}」`,
    body: [
      `<p>${h(submitted.supplierName)}が「${h(submitted.campaignTitle)}」の自己評価を提出しました。</p>`,
      TABLE,
      row('回答から見たレベル', '★3'),
      '</table>',
      '<p>内容を確認して、受理するか、コメントを付けて差し戻してください。</p>',
      button('回答を確認する'),
      fallback.ja,
    ],
  },
  {
    template: 'assessment-submitted',
    locale: 'en',
    data: submitted,
    subject: `${submitted.supplierName} submitted "${submitted.campaignTitle}"`,
    body: [
      `<p>${h(submitted.supplierName)} has submitted its self-assessment for "${h(submitted.campaignTitle)}".</p>`,
      TABLE,
      row('Level from the answers', '★3'),
      '</table>',
      '<p>Please review the answers, then accept them or return them with comments.</p>',
      button('Review the answers'),
      fallback.en,
    ],
  },
  {
    template: 'assessment-returned',
    locale: 'ja',
    data: returned,
    subject: `【差し戻し】「${returned.campaignTitle}」の回答に${returned.buyerName}からコメントがあります`,
    body: [
      `<p>${h(returned.buyerName)}が「${h(returned.campaignTitle)}」の回答を確認し、2件のコメントを付けて差し戻しました。</p>`,
      `<p>コメントを確認して回答を直し、もう一度提出してください。わからないことがあれば、${h(returned.buyerName)}の担当者にご相談ください。</p>`,
      button('コメントを確認する'),
      fallback.ja,
    ],
  },
  {
    template: 'assessment-returned',
    locale: 'en',
    data: returned,
    subject: `${returned.buyerName} returned your answers to "${returned.campaignTitle}" with comments`,
    body: [
      `<p>${h(returned.buyerName)} has reviewed your answers to "${h(returned.campaignTitle)}" and returned them with 2 comments.</p>`,
      `<p>Please read the comments, update your answers and submit them again. If anything is unclear, please ask your contact at ${h(returned.buyerName)}.</p>`,
      button('Read the comments'),
      fallback.en,
    ],
  },
  {
    template: 'assessment-accepted',
    locale: 'ja',
    data: accepted,
    subject: `【受理】「${accepted.campaignTitle}」の回答が${accepted.buyerName}に受理されました`,
    body: [
      `<p>${h(accepted.buyerName)}が「${h(accepted.campaignTitle)}」の回答を受理しました。</p>`,
      '<p>ご協力ありがとうございました。回答の内容は、下のボタンから確認できます。</p>',
      button('回答を見る'),
      fallback.ja,
    ],
  },
  {
    template: 'assessment-accepted',
    locale: 'en',
    data: accepted,
    subject: `${accepted.buyerName} accepted your answers to "${accepted.campaignTitle}"`,
    body: [
      `<p>${h(accepted.buyerName)} has accepted your answers to "${h(accepted.campaignTitle)}".</p>`,
      '<p>Thank you for your help. You can see your answers with the button below.</p>',
      button('View your answers'),
      fallback.en,
    ],
  },
  {
    template: 'organization-invitation',
    locale: 'ja',
    data: orgInvitation,
    subject: `${orgInvitation.inviterName}さんから TierStar の「${orgInvitation.organizationName}」への招待`,
    body: [
      `<p>${h(orgInvitation.inviterName)}さんから、TierStar の「${h(orgInvitation.organizationName)}」に招待されました。</p>`,
      '<p>TierStar は、取引先と一緒にサプライチェーンのセキュリティ対策を確認するためのサービスです。下のボタンから参加してください。</p>',
      button('招待を受ける'),
      '<p>このリンクは、このメールを受け取ったあなた専用です。1回だけ使えます。有効期限は2026年12月1日までです。ほかの方には転送しないでください。</p>',
      fallback.ja,
      small('心当たりがないときは、このメールを無視してください。リンクを開かなければ、何も起こりません。'),
    ],
  },
  {
    template: 'organization-invitation',
    locale: 'en',
    data: orgInvitation,
    subject: `${orgInvitation.inviterName} invited you to ${orgInvitation.organizationName} on TierStar`,
    body: [
      `<p>${h(orgInvitation.inviterName)} has invited you to join ${h(orgInvitation.organizationName)} on TierStar.</p>`,
      '<p>TierStar is a service for checking supply-chain security together with business partners. Use the button below to join.</p>',
      button('Accept the invitation'),
      '<p>This link is for you only. It works once, and it is valid until 1 Dec 2026. Please do not forward it.</p>',
      fallback.en,
      small(
        'If you were not expecting this invitation, ignore this email. Nothing happens unless you open the link.',
      ),
    ],
  },
  {
    template: 'signup-verification',
    locale: 'ja',
    data: signupVerification,
    subject: `TierStar のメールアドレスの確認（${signupVerification.organizationName}の登録）`,
    body: [
      `<p>${h(signupVerification.name)}さん</p>`,
      `<p>TierStar に「${h(signupVerification.organizationName)}」の登録をお申し込みいただき、ありがとうございます。このメールアドレスがあなたのものであることを確かめるため、下のボタンを押して、登録のときに決めたパスワードを入力してください。</p>`,
      button('メールアドレスを確認する'),
      '<p>このリンクは24時間有効で、1回だけ使えます。確認が済むまでは、ログインできません。</p>',
      fallback.ja,
      small(
        '心当たりがないときは、このメールを無視してください。登録のときのパスワードと一緒にリンクが使われないかぎり、アカウントは作られません。',
      ),
    ],
  },
  {
    template: 'signup-verification',
    locale: 'en',
    data: signupVerification,
    subject: `Confirm your email address for TierStar (${signupVerification.organizationName})`,
    body: [
      `<p>Hello ${h(signupVerification.name)},</p>`,
      `<p>Thank you for signing up ${h(signupVerification.organizationName)} on TierStar. To confirm that this email address is yours, use the button below and enter the password you chose when you signed up.</p>`,
      button('Confirm my email address'),
      '<p>This link works once and is valid for 24 hours. You cannot log in until your address is confirmed.</p>',
      fallback.en,
      small(
        'If you did not sign up, ignore this email. No account is created unless the link is used together with the password chosen at sign-up.',
      ),
    ],
  },
  {
    template: 'signup-account-exists',
    locale: 'ja',
    data: accountExists,
    subject: 'TierStar への登録のお申し込みについて（アカウントはすでにあります）',
    body: [
      `<p>${h(accountExists.name)}さん</p>`,
      '<p>このメールアドレスで TierStar に新しく登録するお申し込みがありましたが、このアドレスにはすでにアカウントがあります。新しいアカウントは作っていません。</p>',
      '<p>いつものパスワードで、下のボタンからログインしてください。</p>',
      button('ログインする'),
      fallback.ja,
      small('心当たりがないときは、このメールを無視してください。あなたのアカウントは何も変わっていません。'),
    ],
  },
  {
    template: 'signup-account-exists',
    locale: 'en',
    data: accountExists,
    subject: 'About your TierStar sign-up (you already have an account)',
    body: [
      `<p>Hello ${h(accountExists.name)},</p>`,
      '<p>Someone asked to sign up on TierStar with this email address, but this address already has an account. No new account was created.</p>',
      '<p>Please log in with your usual password, using the button below.</p>',
      button('Log in'),
      fallback.en,
      small('If this was not you, ignore this email. Nothing about your account has changed.'),
    ],
  },
  {
    template: 'supplier-request',
    locale: 'ja',
    data: supplierRequest,
    subject: `【ご確認ください】${supplierRequest.buyerName}から取引先登録の依頼が届いています`,
    body: [
      `<p>${h(supplierRequest.buyerName)}が、TierStar で貴社（法人番号 1234567890123）を取引先として登録しました。セキュリティ自己評価への回答を依頼するためです。</p>`,
      TABLE,
      row('依頼元', h(supplierRequest.buyerName)),
      row('依頼元が付けた社名', h(supplierRequest.requestedName)),
      row('依頼元が指定した回答者', h(supplierRequest.contactEmail!)),
      '</table>',
      '<p>心当たりがあれば、承認してください。依頼元が指定した回答者か、貴社が選ぶ回答者に、回答用のリンクが届きます。心当たりがなければ、断ってください。</p>',
      '<p>貴社が承認するまで、依頼元には貴社の情報は何も伝わりません。</p>',
      button('依頼を確認する'),
      fallback.ja,
    ],
  },
  {
    template: 'supplier-request',
    locale: 'en',
    data: supplierRequest,
    subject: `${supplierRequest.buyerName} asks to add your company as a supplier`,
    body: [
      `<p>${h(supplierRequest.buyerName)} has added your company (法人番号 1234567890123) as a supplier on TierStar, to ask you for a security self-assessment.</p>`,
      TABLE,
      row('Buyer', h(supplierRequest.buyerName)),
      row('Name the buyer gave you', h(supplierRequest.requestedName)),
      row('Contact the buyer named', h(supplierRequest.contactEmail!)),
      '</table>',
      '<p>If you know this buyer, accept the request: the contact they named, or one you choose, then gets a link to answer. If you do not, decline it.</p>',
      '<p>Until you accept, the buyer learns nothing about your company.</p>',
      button('Review the request'),
      fallback.en,
    ],
  },
  {
    template: 'questionnaire-reminder',
    locale: 'ja',
    data: qReminder,
    subject: `【期限超過】セキュリティ自己評価「${qReminder.campaignTitle}」のご回答のお願い（${qReminder.buyerName}）`,
    body: [
      `<p>${h(SUP)}<br>ご担当者様</p>`,
      `<p>いつもお世話になっております。${h(qReminder.buyerName)}です。</p>`,
      `<p>セキュリティ自己評価「${h(CAMP)}」について、回答期限（2026年12月25日）から3日が過ぎましたが、まだ提出を確認できていません。お忙しいところ恐れ入りますが、ご回答をお願いいたします。</p>`,
      `<p>途中までの回答は保存されています。わからない項目は、わからないと回答できます。ご不明な点は、${h(qReminder.buyerName)}の担当者にご相談ください。</p>`,
      button('回答を続ける'),
      '<p>このリンクは、このメールを受け取ったあなた専用です。サインインに1回だけ使えます。有効期限は2027年1月8日までです。以前のメールのリンクは使えなくなりました。ほかの方には転送しないでください。</p>',
      fallback.ja,
    ],
  },
  {
    template: 'questionnaire-reminder',
    locale: 'en',
    data: qReminder,
    subject: `Overdue: please complete the security self-assessment "${CAMP}" for ${qReminder.buyerName}`,
    body: [
      `<p>Dear ${h(SUP)} team,</p>`,
      `<p>The security self-assessment "${h(CAMP)}" for ${h(qReminder.buyerName)} was due on 25 Dec 2026, 3 days ago, and we have not received it yet. We would be grateful if you could complete it.</p>`,
      `<p>Answers you have already given are saved. If you are not sure about an item, you can say that you don't know. If you have questions, please ask your contact at ${h(qReminder.buyerName)}.</p>`,
      button('Continue answering'),
      '<p>This link is for you only. It signs you in once and then stops working, and it is valid until 8 Jan 2027. Links in earlier emails no longer work. Please do not forward it.</p>',
      fallback.en,
    ],
  },
  {
    template: 'remediation-reminder',
    locale: 'ja',
    data: remediation,
    subject: `【リマインド】${SUP}の改善項目 1-1（「${CAMP}」）の期限は2027年3月31日です`,
    body: [
      `<p>${h(SUP)}<br>ご担当者様</p>`,
      `<p>${h(remediation.buyerName)}の「${h(CAMP)}」で計画された改善項目 1-1 の期限は2027年3月31日です。</p>`,
      TABLE,
      row('項目', '1-1'),
      row('担当者', h(remediation.ownerName)),
      row('期限', '2027年3月31日'),
      '</table>',
      '<p style="margin:0 0 4px;">改善の計画:</p>',
      quote(h(remediation.plan)),
      `<p>完了したら状況を更新してください。期限の見直しやご支援が必要なときは、${h(remediation.buyerName)}の担当者にご相談ください。</p>`,
      button('改善の状況を更新する'),
      fallback.ja,
    ],
  },
  {
    template: 'remediation-reminder',
    locale: 'en',
    data: remediation,
    subject: `Reminder: ${SUP}'s corrective action 1-1 for "${CAMP}" is due on 31 Mar 2027`,
    body: [
      `<p>Dear ${h(SUP)} team,</p>`,
      `<p>The corrective action 1-1 you planned for ${h(remediation.buyerName)}'s "${h(CAMP)}" is due on 31 Mar 2027.</p>`,
      TABLE,
      row('Item', '1-1'),
      row('Responsible', h(remediation.ownerName)),
      row('Due', '31 Mar 2027'),
      '</table>',
      '<p style="margin:0 0 4px;">The plan:</p>',
      quote(h(remediation.plan)),
      `<p>Please update its status when it is done. If you need more time or help, please ask your contact at ${h(remediation.buyerName)}.</p>`,
      button('Update the status'),
      fallback.en,
    ],
  },
  {
    template: 'procurement-digest',
    locale: 'ja',
    data: digest,
    subject: '【週次まとめ】取引先の自己評価と改善の状況（2026年11月16日〜2026年11月22日）',
    body: [
      `<p>${h(digest.buyerName)}<br>調達ご担当者様</p>`,
      '<p>2026年11月16日から2026年11月22日までの、取引先の自己評価と改善の状況をお知らせします。</p>',
      H2('新しく提出された回答'),
      UL,
      `<li>${h(SUP)}「${h(CAMP)}」: ★3</li>`,
      '</ul>',
      H2('期限を過ぎているもの'),
      UL,
      `<li>${h(SUP)}「${h(CAMP)}」の改善項目 1-1: 期限2026年11月1日（22日超過）</li>`,
      `<li>${h(SUP)}「${h(CAMP)}」の回答: 期限2026年11月22日（1日超過）</li>`,
      '</ul>',
      '<p>ほかに2件あります。</p>',
      H2('レベル（★）の変化'),
      UL,
      `<li>${h(SUP)}「${h(CAMP)}」: なし → ★3</li>`,
      '</ul>',
      button('依頼の一覧を開く'),
      fallback.ja,
    ],
  },
  {
    template: 'procurement-digest',
    locale: 'en',
    data: digest,
    subject: 'Weekly summary: supplier assessments and corrective actions (16 Nov 2026 – 22 Nov 2026)',
    body: [
      `<p>Dear ${h(digest.buyerName)} procurement team,</p>`,
      "<p>Here is what happened with your suppliers' assessments and corrective actions from 16 Nov 2026 to 22 Nov 2026.</p>",
      H2('New submissions'),
      UL,
      `<li>${h(SUP)}, "${h(CAMP)}": ★3</li>`,
      '</ul>',
      H2('Overdue'),
      UL,
      `<li>${h(SUP)}, "${h(CAMP)}", corrective action 1-1: due 1 Nov 2026 (22 days late)</li>`,
      `<li>${h(SUP)}, "${h(CAMP)}", answers: due 22 Nov 2026 (1 day late)</li>`,
      '</ul>',
      '<p>And 2 more.</p>',
      H2('Level (★) changes'),
      UL,
      `<li>${h(SUP)}, "${h(CAMP)}": none → ★3</li>`,
      '</ul>',
      button('Open your campaigns'),
      fallback.en,
    ],
  },
];

/** The user-supplied values of a case (everything that contains the hostile string). */
const userText = (c: AnyCase) =>
  Object.values(c.data).filter((v): v is string => typeof v === 'string' && v.includes(HOSTILE));

describe('MailRenderer', () => {
  const renderer = new MailRenderer();
  const render = (c: AnyCase) => renderer.render(c.template, c.locale, c.data as never);

  it('has a case for every template in both languages', () => {
    expect(cases.map((c) => `${c.template}/${c.locale}`).sort()).toEqual(
      MAIL_TEMPLATE_NAMES.flatMap((t) => [`${t}/en`, `${t}/ja`]).sort(),
    );
  });

  describe.each(cases.map((c) => [`${c.template} (${c.locale})`, c] as const))('%s', (_name, c) => {
    const mail = render(c);

    it('renders the full HTML: shared layout, escaped values, working link', () => {
      expect(mail.subject).toBe(c.subject);
      expect(mail.html).toBe(layout(c.locale, c.subject, c.body));
    });

    it('escapes every user-supplied value in HTML', () => {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain(HOSTILE);
      for (const value of userText(c)) expect(mail.html).toContain(h(value));
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#x27;');
    });

    it('links to the URL in an href that decodes to the exact link', () => {
      const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      expect(hrefs).toEqual([LINK]);
    });

    it('has a plain-text part with the link and the user text as written, without markup', () => {
      expect(mail.text.length).toBeGreaterThan(100);
      expect(mail.text).toContain(`\n${LINK}\n`);
      for (const value of userText(c)) expect(mail.text).toContain(value);
      expect(mail.text).not.toMatch(/&(amp|lt|gt|quot|#x27);/);
      expect(mail.text).not.toMatch(/<(p|a|br|div|table|tr|td|th|html)\b/);
      expect(mail.text.endsWith(`\n-- \n${FOOTER[c.locale]}\n`)).toBe(true);
    });

    it('is in the asked language', () => {
      expect(mail.html).toContain(`<html lang="${c.locale}">`);
      expect(/[\u3040-\u30ff]/.test(mail.subject + mail.text)).toBe(c.locale === 'ja');
    });
  });

  it('leaves out empty optional parts of an invitation', () => {
    const data = { ...invitation, message: '', supportOffered: '', targetLabel: null };
    for (const locale of ['ja', 'en'] as const) {
      const mail = renderer.render('assessment-invitation', locale, data);
      expect(mail.html).not.toContain('white-space:pre-line');
      expect(mail.html).not.toContain(locale === 'ja' ? '目標のレベル' : 'Target level');
      expect(mail.text).not.toContain(locale === 'ja' ? 'メッセージ' : 'Message from');
      expect(mail.text).not.toContain(locale === 'ja' ? 'ご支援' : 'Support offered');
      expect(mail.text).toContain(
        locale === 'ja' ? '回答の期限: 2026年12月25日' : 'Please answer by: 25 Dec 2026',
      );
    }
  });

  it('says when no level is reached yet, and counts one comment in the singular', () => {
    const none = { ...submitted, claimedLabel: null };
    expect(renderer.render('assessment-submitted', 'ja', none).text).toContain(
      '回答から見たレベル: まだどのレベルにも届いていません',
    );
    expect(renderer.render('assessment-submitted', 'en', none).html).toContain(
      row('Level from the answers', 'none reached yet'),
    );
    expect(renderer.render('assessment-returned', 'en', { ...returned, commentCount: 1 }).text).toContain(
      'with 1 comment.',
    );
  });

  it('reminders escalated to the buyer speak to the buyer, without a personal link', () => {
    const toBuyer = { ...qReminder, toBuyer: true, expiresOn: null, daysOverdue: 8 };
    const ja = renderer.render('questionnaire-reminder', 'ja', toBuyer);
    expect(ja.subject).toBe(`【期限超過】${SUP}の自己評価「${CAMP}」が8日遅れています`);
    expect(ja.html).toContain(
      `<p>${h(SUP)}の自己評価「${h(CAMP)}」は、回答期限（2026年12月25日）から8日が過ぎましたが、まだ提出されていません。</p>\n<p>この取引先のご担当として、状況の確認やご支援をお願いします。</p>\n${button('回答の状況を見る')}`,
    );
    expect(ja.html).not.toContain('ご担当者様');
    expect(ja.html).not.toContain('あなた専用');
    const en = renderer.render('questionnaire-reminder', 'en', { ...toBuyer, daysOverdue: 1 });
    expect(en.subject).toBe(`Overdue: ${SUP} has not submitted "${CAMP}" (1 day late)`);
    expect(en.text).toContain(`It was due on 25 Dec 2026, 1 day ago.`);
    expect(en.text).toContain(`\n${LINK}\n`);
    expect(en.text).not.toContain('for you only');
    // Before the due date, the supplier is reminded of the date (and a contact without a personal link gets none).
    const before = renderer.render('questionnaire-reminder', 'ja', {
      ...qReminder,
      daysOverdue: 0,
      expiresOn: null,
    });
    expect(before.subject).toBe(
      `【リマインド】セキュリティ自己評価「${CAMP}」の回答期限は2026年12月25日です（${qReminder.buyerName}）`,
    );
    expect(before.text).toContain('の回答期限は2026年12月25日です。まだ提出がお済みでなければ');
    expect(before.text).not.toContain('あなた専用');

    const item = renderer.render('remediation-reminder', 'en', {
      ...remediation,
      toBuyer: true,
      daysOverdue: 4,
    });
    expect(item.subject).toBe(`Overdue: ${SUP}'s corrective action 1-1 for "${CAMP}" (4 days late)`);
    expect(item.html).toContain(
      `<p>${h(SUP)}'s corrective action 1-1 for "${h(CAMP)}" was due on 31 Mar 2027, 4 days ago, and is not done yet.</p>`,
    );
    expect(item.html).toContain(button('See the progress'));
    const bare = renderer.render('remediation-reminder', 'ja', { ...remediation, plan: '', ownerName: '' });
    expect(bare.html).not.toContain('white-space:pre-line');
    expect(bare.html).not.toContain('担当者</th>');
    expect(bare.text).not.toContain('改善の計画');
  });

  it('a digest says when a list is empty', () => {
    const empty = { ...digest, submissions: [], overdue: [], moreOverdue: 0, starChanges: [] };
    const ja = renderer.render('procurement-digest', 'ja', empty);
    expect(ja.html.match(/<p>ありません。<\/p>/g)).toHaveLength(3);
    expect(ja.html).not.toContain('<ul');
    expect(ja.text).toContain('■ 新しく提出された回答\nありません。\n');
    const en = renderer.render('procurement-digest', 'en', empty);
    expect(en.text).toContain('Overdue\nNone.\n');
    expect(en.text).toContain(`\n${LINK}\n`);
  });

  it('checks list items, flags and optional dates', () => {
    expect(() =>
      renderer.render('procurement-digest', 'ja', {
        ...digest,
        overdue: [{ ...digest.overdue[0]!, dueDate: 'soon' }],
      }),
    ).toThrow(/overdue\[0\]\.dueDate: not an ISO date/);
    expect(() =>
      renderer.render('procurement-digest', 'ja', { ...digest, starChanges: 'x' as never }),
    ).toThrow(/starChanges: must be a list/);
    const { supplierName: _s, ...noName } = digest.submissions[0]!;
    expect(() =>
      renderer.render('procurement-digest', 'en', { ...digest, submissions: [noName as never] }),
    ).toThrow(/submissions\[0\]\.supplierName is missing/);
    expect(() =>
      renderer.render('questionnaire-reminder', 'ja', { ...qReminder, toBuyer: 'yes' as never }),
    ).toThrow(/toBuyer: must be true or false/);
    expect(() =>
      renderer.render('questionnaire-reminder', 'ja', { ...qReminder, expiresOn: '2026-02-30' }),
    ).toThrow(/expiresOn: not a calendar date/);
  });

  it('throws when a variable is missing, mistyped or unsafe', () => {
    const { link: _link, ...noLink } = accepted;
    expect(() => renderer.render('assessment-accepted', 'ja', noLink as never)).toThrow(
      'mail "assessment-accepted": link is missing',
    );
    const { message: _m, ...noMessage } = invitation;
    expect(() => renderer.render('assessment-invitation', 'en', noMessage as never)).toThrow(
      /message is missing/,
    );
    const { targetLabel: _t, ...noTarget } = invitation;
    expect(() => renderer.render('assessment-invitation', 'en', noTarget as never)).toThrow(
      /targetLabel is missing/,
    );
    expect(() =>
      renderer.render('assessment-returned', 'ja', { ...returned, commentCount: '2' as never }),
    ).toThrow(/commentCount: must be a whole number/);
    expect(() =>
      renderer.render('assessment-accepted', 'ja', { ...accepted, link: 'javascript:alert(1)' }),
    ).toThrow(/not an http\(s\) URL/);
    expect(() =>
      renderer.render('organization-invitation', 'ja', { ...orgInvitation, expiresOn: '2026-02-30' }),
    ).toThrow(/not a calendar date/);
    expect(() => renderer.render('nope' as never, 'ja', {} as never)).toThrow('unknown mail template "nope"');
    expect(() => renderer.render('assessment-accepted', 'fr' as never, accepted)).toThrow(
      'unknown mail locale "fr"',
    );
  });

  it('formats dates as 2026年12月25日 and 25 Dec 2026; timestamps by their Tokyo date', () => {
    expect(formatMailDate('2026-12-25', 'ja')).toBe('2026年12月25日');
    expect(formatMailDate('2026-12-25', 'en')).toBe('25 Dec 2026');
    expect(formatMailDate('2026-12-24T15:30:00.000Z', 'ja')).toBe('2026年12月25日');
    expect(() => formatMailDate('25/12/2026', 'en')).toThrow(/not an ISO date/);
  });

  it('uses no triple-stash in any template (HTML escaping stays on)', () => {
    const dir = MailRenderer.templatesDir;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'));
    expect(files).toHaveLength(2 + 4 + MAIL_TEMPLATE_NAMES.length * 6);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toContain('{{{');
  });
});
