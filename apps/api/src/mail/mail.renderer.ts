import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { tokyoDate } from '../reminders/calendar/business-calendar';

export type MailLocale = 'ja' | 'en';
export const MAIL_LOCALES: readonly MailLocale[] = ['ja', 'en'];

/** A supplier contact is asked to answer a campaign's self-assessment (sent at launch, again by reminders). */
export interface AssessmentInvitationData {
  buyerName: string;
  supplierName: string;
  campaignTitle: string;
  /** The buyer's own words; may be empty. */
  message: string;
  /** What the buyer offers (cost sharing, support programmes); may be empty. */
  supportOffered: string;
  catalogueTitle: string;
  /** The level asked for in the campaign's language, e.g. "★3" or "Lv2"; null when none. */
  targetLabel: string | null;
  /** ISO date (YYYY-MM-DD). */
  dueDate: string;
  /** Personal, single-use sign-in link. */
  link: string;
  /** ISO date: the last day the link works. */
  expiresOn: string;
}

/** Buyer staff: a supplier submitted its answers. */
export interface AssessmentSubmittedData {
  supplierName: string;
  campaignTitle: string;
  /** The level the supplier's own answers reach, e.g. "★3"; null when none is reached yet. */
  claimedLabel: string | null;
  link: string;
}

/** Supplier: the buyer sent the answers back with comments. */
export interface AssessmentReturnedData {
  buyerName: string;
  campaignTitle: string;
  commentCount: number;
  link: string;
}

/** Supplier: the buyer accepted the answers. */
export interface AssessmentAcceptedData {
  buyerName: string;
  campaignTitle: string;
  link: string;
}

/** A colleague is invited to join an organisation. */
export interface OrganizationInvitationData {
  inviterName: string;
  organizationName: string;
  link: string;
  /** ISO date (or timestamp, shown as its Tokyo date): the last day the link works. */
  expiresOn: string;
}

/**
 * Someone signed up: confirm the address (the link, issued when the email is sent, works once for 24 hours,
 * together with the password chosen at sign-up).
 */
export interface SignupVerificationData {
  /** The name given at sign-up. */
  name: string;
  organizationName: string;
  link: string;
}

/** Someone tried to sign up with an address that already has an account; the owner is told, nothing changes. */
export interface SignupAccountExistsData {
  /** The existing account's name. */
  name: string;
  /** The login page. */
  link: string;
}

/**
 * To a supplier organization's admins: a buyer added a supplier with their 法人番号 and waits for them to
 * accept (and choose who answers) or decline. The buyer learns nothing about them until they accept.
 */
export interface SupplierRequestData {
  buyerName: string;
  /** The name the buyer typed for the supplier. */
  requestedName: string;
  corporateNumber: string;
  /** The contact the buyer named; null when none. */
  contactEmail: string | null;
  link: string;
}

/**
 * A questionnaire reminder: before the due date and while overdue, to the supplier's contact (with a fresh
 * personal link) and its admins, and, as the escalation ladder climbs, to the buyer's people.
 */
export interface QuestionnaireReminderData {
  buyerName: string;
  supplierName: string;
  campaignTitle: string;
  /** ISO date (YYYY-MM-DD). */
  dueDate: string;
  /** Whole calendar days past the due date; 0 while it has not passed. */
  daysOverdue: number;
  /** The recipient works for the buyer (escalation), not for the supplier. */
  toBuyer: boolean;
  link: string;
  /** ISO date: the last day a personal sign-in link works; null when the link is not a personal one. */
  expiresOn: string | null;
}

/** A corrective action (remediation item) is due soon or overdue; escalates like questionnaire reminders. */
export interface RemediationReminderData {
  buyerName: string;
  supplierName: string;
  campaignTitle: string;
  /** The catalogue criterion the gap is about, e.g. "1-1". */
  criterionId: string;
  /** The supplier's plan in its own words; may be empty. */
  plan: string;
  /** Person responsible at the supplier (free text); may be empty. */
  ownerName: string;
  dueDate: string;
  daysOverdue: number;
  toBuyer: boolean;
  link: string;
}

export interface DigestSubmission {
  supplierName: string;
  campaignTitle: string;
  /** Level the submitted answers reach, e.g. "★3"; null when none. */
  levelLabel: string | null;
}

export interface DigestOverdue {
  supplierName: string;
  campaignTitle: string;
  /** The remediation item's criterion; empty for an unanswered questionnaire. */
  criterionId: string;
  dueDate: string;
  daysOverdue: number;
}

export interface DigestStarChange {
  supplierName: string;
  campaignTitle: string;
  /** Level before the week (null: none); `toLabel` the level now. */
  fromLabel: string | null;
  toLabel: string | null;
}

/** Weekly summary for a buyer's procurement staff and admins. Lists are capped; `more…` count the rest. */
export interface ProcurementDigestData {
  buyerName: string;
  /** ISO dates of the first and last day covered. */
  weekStart: string;
  weekEnd: string;
  submissions: DigestSubmission[];
  moreSubmissions: number;
  overdue: DigestOverdue[];
  moreOverdue: number;
  starChanges: DigestStarChange[];
  moreStarChanges: number;
  link: string;
}

/** Every template and the data it needs. */
export interface MailTemplateData {
  'assessment-invitation': AssessmentInvitationData;
  'assessment-submitted': AssessmentSubmittedData;
  'assessment-returned': AssessmentReturnedData;
  'assessment-accepted': AssessmentAcceptedData;
  'organization-invitation': OrganizationInvitationData;
  'signup-verification': SignupVerificationData;
  'signup-account-exists': SignupAccountExistsData;
  'supplier-request': SupplierRequestData;
  'questionnaire-reminder': QuestionnaireReminderData;
  'remediation-reminder': RemediationReminderData;
  'procurement-digest': ProcurementDigestData;
}

export type MailTemplateName = keyof MailTemplateData;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/**
 * How each field is checked before rendering: `text` a string (may be empty), `label` a string or null,
 * `count` a non-negative integer, `date` an ISO date, `optionalDate` an ISO date or null, `flag` a boolean,
 * `url` an http(s) URL, `{ list }` an array of objects whose fields are checked the same way. The mapped type
 * makes the compiler insist that every field of every data interface is listed here.
 */
type ScalarKind = 'text' | 'label' | 'count' | 'date' | 'optionalDate' | 'flag' | 'url';
type FieldKind = ScalarKind | { list: Record<string, ScalarKind> };
const FIELDS: { [K in MailTemplateName]: Record<keyof MailTemplateData[K], FieldKind> } = {
  'assessment-invitation': {
    buyerName: 'text',
    supplierName: 'text',
    campaignTitle: 'text',
    message: 'text',
    supportOffered: 'text',
    catalogueTitle: 'text',
    targetLabel: 'label',
    dueDate: 'date',
    link: 'url',
    expiresOn: 'date',
  },
  'assessment-submitted': { supplierName: 'text', campaignTitle: 'text', claimedLabel: 'label', link: 'url' },
  'assessment-returned': { buyerName: 'text', campaignTitle: 'text', commentCount: 'count', link: 'url' },
  'assessment-accepted': { buyerName: 'text', campaignTitle: 'text', link: 'url' },
  'organization-invitation': {
    inviterName: 'text',
    organizationName: 'text',
    link: 'url',
    expiresOn: 'date',
  },
  'signup-verification': { name: 'text', organizationName: 'text', link: 'url' },
  'signup-account-exists': { name: 'text', link: 'url' },
  'supplier-request': {
    buyerName: 'text',
    requestedName: 'text',
    corporateNumber: 'text',
    contactEmail: 'label',
    link: 'url',
  },
  'questionnaire-reminder': {
    buyerName: 'text',
    supplierName: 'text',
    campaignTitle: 'text',
    dueDate: 'date',
    daysOverdue: 'count',
    toBuyer: 'flag',
    link: 'url',
    expiresOn: 'optionalDate',
  },
  'remediation-reminder': {
    buyerName: 'text',
    supplierName: 'text',
    campaignTitle: 'text',
    criterionId: 'text',
    plan: 'text',
    ownerName: 'text',
    dueDate: 'date',
    daysOverdue: 'count',
    toBuyer: 'flag',
    link: 'url',
  },
  'procurement-digest': {
    buyerName: 'text',
    weekStart: 'date',
    weekEnd: 'date',
    submissions: { list: { supplierName: 'text', campaignTitle: 'text', levelLabel: 'label' } },
    moreSubmissions: 'count',
    overdue: {
      list: {
        supplierName: 'text',
        campaignTitle: 'text',
        criterionId: 'text',
        dueDate: 'date',
        daysOverdue: 'count',
      },
    },
    moreOverdue: 'count',
    starChanges: {
      list: { supplierName: 'text', campaignTitle: 'text', fromLabel: 'label', toLabel: 'label' },
    },
    moreStarChanges: 'count',
    link: 'url',
  },
};

export const MAIL_TEMPLATE_NAMES = Object.keys(FIELDS) as readonly MailTemplateName[];

/** Words of the shared layout (every template uses it). */
const LAYOUT_WORDS: Record<MailLocale, { footer: string }> = {
  ja: {
    footer: 'このメールは TierStar（サプライチェーンのセキュリティ評価サービス）から自動で送信しています。',
  },
  en: {
    footer: 'This email was sent automatically by TierStar, a supply-chain security assessment service.',
  },
};

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Calendar date of an ISO date (taken as is) or ISO timestamp (its date in Tokyo); throws on anything else. */
function calendarDate(value: unknown): { y: number; m: number; d: number } {
  if (typeof value !== 'string') throw new Error(`not an ISO date: ${String(value)}`);
  let iso = value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const t = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(t)) throw new Error(`not an ISO date: ${value}`);
    iso = tokyoDate(new Date(t));
  }
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new Error(`not a calendar date: ${value}`);
  }
  return { y, m, d };
}

/** 2026-12-25 → "2026年12月25日" (ja) or "25 Dec 2026" (en). */
export function formatMailDate(value: string, locale: MailLocale): string {
  const { y, m, d } = calendarDate(value);
  return locale === 'ja' ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

function assertHttpUrl(value: unknown): string {
  let ok = false;
  if (typeof value === 'string') {
    try {
      const u = new URL(value);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new Error(`not an http(s) URL: ${String(value)}`);
  return value as string;
}

/** Escapes for HTML text and quoted attributes, leaving URL characters such as "=" readable. */
function escapeUrl(url: string): string {
  return url.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function checkScalar(kind: ScalarKind, v: unknown): void {
  if (kind === 'date') calendarDate(v);
  else if (kind === 'optionalDate') {
    if (v !== null) calendarDate(v);
  } else if (kind === 'url') assertHttpUrl(v);
  else if (kind === 'count' && !(Number.isInteger(v) && (v as number) >= 0))
    throw new Error('must be a whole number');
  else if (kind === 'label' && v !== null && typeof v !== 'string') throw new Error('must be text or null');
  else if (kind === 'text' && typeof v !== 'string') throw new Error('must be text');
  else if (kind === 'flag' && typeof v !== 'boolean') throw new Error('must be true or false');
}

function checkFields(
  fields: Record<string, FieldKind>,
  record: Record<string, unknown>,
  at: string,
): string[] {
  const problems: string[] = [];
  for (const [key, kind] of Object.entries(fields)) {
    const v = record[key];
    if (v === undefined) {
      problems.push(`${at}${key} is missing`);
      continue;
    }
    try {
      if (typeof kind === 'string') checkScalar(kind, v);
      else if (!Array.isArray(v)) throw new Error('must be a list');
      else
        v.forEach((item: unknown, i) => {
          if (typeof item !== 'object' || item === null) problems.push(`${at}${key}[${i}] must be an object`);
          else
            problems.push(...checkFields(kind.list, item as Record<string, unknown>, `${at}${key}[${i}].`));
        });
    } catch (err) {
      problems.push(`${at}${key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}

function checkData(template: MailTemplateName, data: unknown): void {
  if (typeof data !== 'object' || data === null)
    throw new Error(`mail "${template}": data must be an object`);
  const problems = checkFields(FIELDS[template], data as Record<string, unknown>, '');
  if (problems.length) throw new Error(`mail "${template}": ${problems.join(', ')}`);
}

type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions) => string;
type Part = 'subject' | 'html' | 'text';

/**
 * Renders the outgoing emails from the Handlebars templates in `templates/` (one folder per template, one
 * `<locale>.<subject|html|text>.hbs` file per part, shared `layout.html.hbs` / `layout.text.hbs` and `partials/`).
 * Every file is read and parsed once, when the renderer is created (a broken or missing template fails at
 * start-up), compiled on first use and cached. HTML escapes every value (no triple-stash anywhere); the text part
 * and the subject are plain text (no escaping, no markup). Missing or mistyped data throws.
 */
@Injectable()
export class MailRenderer {
  static readonly templatesDir = join(__dirname, 'templates');

  private readonly hb = Handlebars.create();
  private readonly templates = new Map<string, Compiled>();
  private readonly layouts: { html: Compiled; text: Compiled };

  constructor() {
    const dir = MailRenderer.templatesDir;
    this.registerHelpers();
    const partials = join(dir, 'partials');
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
      // Partials are HTML fragments, compiled here so they escape like the HTML templates.
      this.hb.registerPartial(file.slice(0, -'.hbs'.length), this.compile(join(partials, file), 'html'));
    }
    this.layouts = {
      html: this.compile(join(dir, 'layout.html.hbs'), 'html'),
      text: this.compile(join(dir, 'layout.text.hbs'), 'text'),
    };
    for (const name of MAIL_TEMPLATE_NAMES) {
      for (const locale of MAIL_LOCALES) {
        for (const part of ['subject', 'html', 'text'] as const) {
          this.templates.set(
            this.key(name, locale, part),
            this.compile(join(dir, name, `${locale}.${part}.hbs`), part),
          );
        }
      }
    }
  }

  render<T extends MailTemplateName>(
    template: T,
    locale: MailLocale,
    data: MailTemplateData[T],
  ): RenderedMail {
    if (!Object.hasOwn(FIELDS, template)) throw new Error(`unknown mail template "${String(template)}"`);
    if (!MAIL_LOCALES.includes(locale)) throw new Error(`unknown mail locale "${String(locale)}"`);
    checkData(template, data);
    const options: Handlebars.RuntimeOptions = { data: { locale } };
    const part = (p: Part) =>
      (this.templates.get(this.key(template, locale, p)) as Compiled)(data, options).trim();
    const subject = part('subject').replace(/\s+/g, ' ');
    const words = LAYOUT_WORDS[locale];
    const html = this.layouts.html(
      { lang: locale, subject, body: new this.hb.SafeString(part('html')), footer: words.footer },
      options,
    );
    const text = this.layouts.text({ body: part('text'), footer: words.footer }, options);
    return { subject, html, text };
  }

  private key(name: string, locale: MailLocale, part: Part): string {
    return `${name}/${locale}.${part}`;
  }

  private read(file: string): string {
    return readFileSync(file, 'utf8');
  }

  private compile(file: string, part: Part): Compiled {
    const source = this.read(file);
    try {
      this.hb.parse(source); // syntax errors surface at start-up, not at the first email
    } catch (err) {
      throw new Error(`mail template ${file}: ${String(err)}`);
    }
    // HTML escapes every value; the subject (a header) and the text part carry user text as it is.
    return this.hb.compile(source, { strict: true, noEscape: part !== 'html' });
  }

  private registerHelpers(): void {
    const localeOf = (options: Handlebars.HelperOptions): MailLocale => {
      const locale = (options.data as { locale?: MailLocale } | undefined)?.locale;
      if (locale !== 'ja' && locale !== 'en') throw new Error('mail helper used without a locale');
      return locale;
    };
    /** {{date iso}}: the date in the email's language. */
    this.hb.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) =>
      formatMailDate(value as string, localeOf(options)),
    );
    /** {{url link}} in HTML: an http(s) URL escaped for an href or text, "=" left readable. */
    this.hb.registerHelper(
      'url',
      (value: unknown) => new this.hb.SafeString(escapeUrl(assertHttpUrl(value))),
    );
    /** {{plural n "comment" "comments"}} (English only; Japanese needs no plural). */
    this.hb.registerHelper('plural', (n: unknown, one: unknown, other: unknown) => (n === 1 ? one : other));
  }
}
