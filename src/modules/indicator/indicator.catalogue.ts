import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Disaggregation, IndicatorUnit } from './indicator.enums';
import { Instrument } from './target.enums';
import { ICOPE_DOMAINS } from '../health/health.enums';

/**
 * The indicator catalogue, as data: every definition the API serves, computed by indicator.repository.ts
 * and documented in the README ("Indicators"). P is the period asked for, [start, end].
 */
export const DEFINITIONS = {
  activeClub:
    'A club is active in P when it was founded on or before the last day of P and not dissolved before its first day ' +
    '(no dissolution date, or one on or after the start of P).',
  member:
    'A member in P holds a membership open at the last day of P (joined on or before it, not left on or before it) ' +
    'in a club active in P.',
  age: 'Age is taken at the last day of P, from the birth date or, when only the birth year is known, from 1 January of that year.',
  last12Months: 'The 12 months to the end of P: from the day after the same date a year before the last day of P, to the last day of P.',
  expectedReport:
    'A report is expected from a club for each calendar month that ends in P (and has ended by today), when the club was ' +
    'active in that month (founded on or before its last day, not dissolved before its first day); it counts in the unit ' +
    'where the club was at the end of that month. A report counts only against an expectation (one per club and month).',
  screening:
    'An ICOPE screening is a health check with at least one of the six WHO ICOPE step-1 domains (cognition, mobility, nutrition, ' +
    'vision, hearing, mood) done, positive or negative.',
  last3Months: 'The 3 months to the end of P: from the day after the same date 3 months before the last day of P, to the last day of P.',
  homeCareVisit:
    'A home-care visit in P is one made on a day of P to a member of a club active in P (the member need not be a member at the end of P); ' +
    "it counts where the club was at the end of P, and in the visited member's categories (age at the end of P).",
  capital:
    "A fund's capital at a day: contributions, member fees and interest recorded on or before it, less expenses " +
    '(disbursements and repayments only move money between cash and loans).',
} as const;

/** The queries that compute indicators; each is one SQL statement, grouped by the unit the table rolls up to. */
export type Family = 'club' | 'member' | 'fund' | 'loan' | 'borrower' | 'course' | 'trainee' | 'award' | 'report'
  // --- supervision family (supervision visits and club quality) ---
  | 'supervision'
  // --- health families: health checks (per member in P), home-care visits (per visit in P) ---
  | 'health'
  | 'homeCare';

/** The dimensions each family can group by: member dimensions need a person, PROGRAMME a club. */
export const FAMILY_DIMENSIONS: Record<Family, readonly Disaggregation[]> = {
  club: [Disaggregation.PROGRAMME],
  member: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
  fund: [Disaggregation.PROGRAMME],
  loan: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
  borrower: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
  course: [],
  trainee: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
  award: [],
  report: [Disaggregation.PROGRAMME],
  // --- supervision family ---
  supervision: [Disaggregation.PROGRAMME],
  // --- health families ---
  health: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
  homeCare: [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS, Disaggregation.PROGRAMME],
};

/**
 * What the placement of the clubs' communes gives when figures roll up: communes with at least one club active
 * in P (commune coverage), and the clubs counted above commune level or in the nation only (placement notes).
 */
export const PLACEMENT_MEASURES = ['communesWithClubs', 'clubsAboveCommune', 'clubsNotPlaced'] as const;

/** Every measure a family computes; the repository holds the SQL of each. */
export const MEASURES = {
  club: ['active', 'new1336', 'new1648', 'clubMonths', 'bothFunds', 'fullyActive', 'meetings', ...PLACEMENT_MEASURES],
  member: ['members', 'older', 'women', 'olderWomen', 'poorNearPoor', 'volunteers', 'board', 'members1336', 'older1336', 'clubs50to70'],
  fund: ['capital', 'igCapital'],
  loan: ['disbursedLoans', 'disbursedAmount', 'dueLoans', 'onTimeLoans', 'outstandingLoans', 'outstanding', 'overdue30'],
  borrower: ['borrowers12m'],
  course: ['courses'],
  trainee: ['trainees', 'boardTrained12m'],
  award: ['awards'],
  report: ['expected', 'received', 'onTime'],
  // --- supervision family: clubs active in P visited in the 12 months to its end; with a rating on or before its end; latest rating WEAK ---
  supervision: ['supervised12m', 'rated', 'weak'],
  // --- health families: per member in P over their checks in the 12 (3) months to its end; per visit in P ---
  health: [
    'screened12m',
    'cognitionScreened', 'cognitionPositive', 'mobilityScreened', 'mobilityPositive', 'nutritionScreened', 'nutritionPositive',
    'visionScreened', 'visionPositive', 'hearingScreened', 'hearingPositive', 'moodScreened', 'moodPositive',
    'positive12m', 'referred12m', 'bpChecked3m', 'bpHigh3m',
  ],
  homeCare: ['visits', 'visited'],
} as const satisfies Record<Family, readonly string[]>;

export type MeasureId = { [F in Family]: `${F}.${(typeof MEASURES)[F][number]}` }[Family];
export type MeasureName<F extends Family> = (typeof MEASURES)[F][number];

export const familyOf = (measure: MeasureId): Family => measure.slice(0, measure.indexOf('.')) as Family;
export const nameOf = (measure: MeasureId): string => measure.slice(measure.indexOf('.') + 1);

/** A numerator or denominator: a summed measure, or a count of units (coverage). */
export type Term =
  | { measure: MeasureId }
  /** Provinces at or below the row's unit with at least one club active in P. */
  | { provincesWithClubs: true }
  /** Units of the level at or below the row's unit. */
  | { units: UnitLevel.PROVINCE | UnitLevel.COMMUNE }
  /** The months P spans (period.ts monthsIn): the denominator of "per month" figures. */
  | { monthsInPeriod: true };

export interface IndicatorDefinition {
  id: string;
  nameVi: string;
  nameEn: string;
  definition: string;
  numerator: string;
  denominator: string | null;
  unit: IndicatorUnit;
  /** The policy instrument whose target the indicator follows, if any. */
  instrument: Instrument | null;
  policyTarget: string | null;
  /** Dimensions it can be split by; others asked for are ignored for it (its rows say which applied). */
  disaggregations: readonly Disaggregation[];
  compute: { numerator: Term; denominator?: Term };
  /** Counts of people behind a cell: rounded for viewers who may not read the unit's personal data (README, "Small cells"). */
  people: readonly MeasureId[];
}

const MEMBER_DIMENSIONS = FAMILY_DIMENSIONS.member;
const CLUB_DIMENSIONS = FAMILY_DIMENSIONS.club;
const without = (dims: readonly Disaggregation[], ...drop: Disaggregation[]) => dims.filter((d) => !drop.includes(d));
const m = (measure: MeasureId) => ({ measure });

const { activeClub, member, age, last12Months, capital, expectedReport, screening, last3Months, homeCareVisit } = DEFINITIONS;

// --- health families ---
const DOMAIN_NAMES = {
  cognition: ['nhận thức', 'cognition'],
  mobility: ['vận động', 'mobility'],
  nutrition: ['dinh dưỡng', 'nutrition'],
  vision: ['thị lực', 'vision'],
  hearing: ['thính lực', 'hearing'],
  mood: ['trầm cảm (tâm trạng)', 'mood (depressive symptoms)'],
} as const;

/** Share screening positive in one ICOPE domain: one indicator per domain. */
const icopeIndicator = (domain: keyof typeof DOMAIN_NAMES): IndicatorDefinition => ({
  id: `icope_positive_${domain}`,
  nameVi: `Tỷ lệ sàng lọc ICOPE dương tính: ${DOMAIN_NAMES[domain][0]}`,
  nameEn: `ICOPE screening positive: ${DOMAIN_NAMES[domain][1]}`,
  definition:
    `Members in P screened in the ${domain} domain in the 12 months to the end of P who screened positive in it at least once in ` +
    `those months, as a percentage of members in P screened in that domain in them. ${screening} ${member} ${last12Months}`,
  numerator: `Members in P positive in ${domain} at least once in the 12 months to the end of P`,
  denominator: `Members in P screened in ${domain} in the 12 months to the end of P`,
  unit: IndicatorUnit.PERCENT,
  instrument: null,
  policyTarget: null,
  disaggregations: FAMILY_DIMENSIONS.health,
  compute: { numerator: m(`health.${domain}Positive`), denominator: m(`health.${domain}Screened`) },
  people: [`health.${domain}Positive`, `health.${domain}Screened`],
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'active_clubs',
    nameVi: 'Số câu lạc bộ hoạt động',
    nameEn: 'Active clubs',
    definition: `Clubs active in P. ${activeClub}`,
    numerator: 'Clubs active in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.active') },
    people: [],
  },
  {
    id: 'new_clubs_1336',
    nameVi: 'Số câu lạc bộ thành lập mới từ Quyết định 1336 (31/8/2020)',
    nameEn: 'New clubs since Decision 1336 (31 Aug 2020)',
    definition: `Clubs active in P founded on or after 31 August 2020, the date of Decision 1336/QĐ-TTg. ${activeClub}`,
    numerator: 'Clubs active in P founded on or after 2020-08-31',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'At least 3,000 new clubs by the end of 2025.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.new1336') },
    people: [],
  },
  {
    id: 'new_clubs_1648',
    nameVi: 'Số câu lạc bộ thành lập mới từ Quyết định 1648 (1/8/2025)',
    nameEn: 'New clubs since Decision 1648 (1 Aug 2025)',
    definition: `Clubs active in P founded on or after 1 August 2025, the date of Decision 1648/QĐ-TTg. ${activeClub}`,
    numerator: 'Clubs active in P founded on or after 2025-08-01',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: Instrument.DECISION_1648,
    policyTarget: 'At least 6,000 new clubs from August 2025 to the end of 2030.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.new1648') },
    people: [],
  },
  {
    id: 'members',
    nameVi: 'Số thành viên',
    nameEn: 'Members',
    definition: `Members in P. ${member}`,
    numerator: 'Members in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('member.members') },
    people: ['member.members'],
  },
  {
    id: 'older_members',
    nameVi: 'Số thành viên là người cao tuổi (từ 60 tuổi)',
    nameEn: 'Members aged 60 or over',
    definition: `Members in P aged 60 or over at the end of P. ${member} ${age}`,
    numerator: 'Members in P aged 60 or over',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: Instrument.DECISION_1648,
    policyTarget: 'At least 300,000 older people in the clubs by the end of 2030.',
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('member.older') },
    people: ['member.older'],
  },
  {
    id: 'older_share',
    nameVi: 'Tỷ lệ thành viên là người cao tuổi',
    nameEn: 'Share of members aged 60 or over',
    definition: `Members in P aged 60 or over at the end of P, as a percentage of members in P (policy norm 60–70 %). ${member} ${age}`,
    numerator: 'Members in P aged 60 or over',
    denominator: 'Members in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: without(MEMBER_DIMENSIONS, Disaggregation.AGE_BAND),
    compute: { numerator: m('member.older'), denominator: m('member.members') },
    people: ['member.older', 'member.members'],
  },
  {
    id: 'women_share',
    nameVi: 'Tỷ lệ thành viên nữ',
    nameEn: 'Share of women among members',
    definition: `Women among members in P, as a percentage of members in P (policy norm 60–70 %). ${member}`,
    numerator: 'Women among members in P',
    denominator: 'Members in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: without(MEMBER_DIMENSIONS, Disaggregation.SEX),
    compute: { numerator: m('member.women'), denominator: m('member.members') },
    people: ['member.women', 'member.members'],
  },
  {
    id: 'older_women_share',
    nameVi: 'Tỷ lệ nữ trong số thành viên cao tuổi',
    nameEn: 'Share of women among older members',
    definition: `Women aged 60 or over at the end of P, as a percentage of members in P aged 60 or over. ${member} ${age}`,
    numerator: 'Women among members in P aged 60 or over',
    denominator: 'Members in P aged 60 or over',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: without(MEMBER_DIMENSIONS, Disaggregation.SEX),
    compute: { numerator: m('member.olderWomen'), denominator: m('member.older') },
    people: ['member.olderWomen', 'member.older'],
  },
  {
    id: 'poor_near_poor_share',
    nameVi: 'Tỷ lệ thành viên thuộc hộ nghèo, hộ cận nghèo',
    nameEn: 'Share of members from poor or near-poor households',
    definition: `Members in P whose household is classified poor or near-poor (as recorded now), as a percentage of members in P. ${member}`,
    numerator: 'Members in P from poor or near-poor households',
    denominator: 'Members in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: without(MEMBER_DIMENSIONS, Disaggregation.POVERTY_STATUS),
    compute: { numerator: m('member.poorNearPoor'), denominator: m('member.members') },
    people: ['member.poorNearPoor', 'member.members'],
  },
  {
    id: 'members_new_clubs_1336',
    nameVi: 'Số thành viên của các câu lạc bộ thành lập mới từ Quyết định 1336',
    nameEn: 'Members of clubs new since Decision 1336',
    definition: `Members in P of clubs founded on or after 31 August 2020. ${member}`,
    numerator: 'Members in P of clubs founded on or after 2020-08-31',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'The 3,000 new clubs with 150,000 members by the end of 2025.',
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('member.members1336') },
    people: ['member.members1336'],
  },
  {
    id: 'older_members_new_clubs_1336',
    nameVi: 'Số thành viên cao tuổi của các câu lạc bộ thành lập mới từ Quyết định 1336',
    nameEn: 'Older members of clubs new since Decision 1336',
    definition: `Members in P aged 60 or over at the end of P, of clubs founded on or after 31 August 2020. ${member} ${age}`,
    numerator: 'Members in P aged 60 or over, of clubs founded on or after 2020-08-31',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'More than 100,000 older people among the new clubs’ members by the end of 2025.',
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('member.older1336') },
    people: ['member.older1336'],
  },
  {
    id: 'clubs_50_70_members',
    nameVi: 'Tỷ lệ câu lạc bộ có từ 50 đến 70 thành viên',
    nameEn: 'Share of clubs with 50–70 members',
    definition: `Clubs active in P with 50 to 70 members in P, as a percentage of clubs active in P (the policy norm). ${activeClub} ${member}`,
    numerator: 'Clubs active in P with 50–70 members in P',
    denominator: 'Clubs active in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('member.clubs50to70'), denominator: m('club.active') },
    people: [],
  },
  {
    id: 'province_coverage',
    nameVi: 'Tỷ lệ tỉnh, thành phố có câu lạc bộ',
    nameEn: 'Province coverage',
    definition:
      'Provinces of the structure asked for, at or below the unit, with at least one club active in P, as a percentage of those ' +
      `provinces (a unit below province level counts as itself). ${activeClub}`,
    numerator: 'Provinces with at least one club active in P',
    denominator: 'Provinces of the structure',
    unit: IndicatorUnit.PERCENT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'Clubs in at least 95 % of provinces by the end of 2025.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: { provincesWithClubs: true }, denominator: { units: UnitLevel.PROVINCE } },
    people: [],
  },
  {
    id: 'commune_coverage',
    nameVi: 'Tỷ lệ xã, phường có câu lạc bộ',
    nameEn: 'Commune coverage',
    definition:
      'Communes of the structure asked for, at or below the unit, with at least one club active in P placed in them, as a ' +
      `percentage of those communes. ${activeClub}`,
    numerator: 'Communes with at least one club active in P',
    denominator: 'Communes of the structure',
    unit: IndicatorUnit.PERCENT,
    instrument: Instrument.DECISION_1648,
    policyTarget: 'Clubs in 100 % of lowland and 70 % of mountain, border and island communes by the end of 2030.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.communesWithClubs'), denominator: { units: UnitLevel.COMMUNE } },
    people: [],
  },
  {
    id: 'meeting_regularity',
    nameVi: 'Mức độ sinh hoạt định kỳ hằng tháng',
    nameEn: 'Meeting regularity',
    definition:
      'Meetings held in P by the clubs, as a percentage of the meetings expected: one a month for each club active in P, ' +
      'for each calendar month of P from its founding (or the start of P) to its dissolution (or the end of P).',
    numerator: 'Meetings held in P',
    denominator: 'Club-months in P (active clubs × months)',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.meetings'), denominator: m('club.clubMonths') },
    people: [],
  },
  {
    id: 'clubs_both_funds',
    nameVi: 'Tỷ lệ câu lạc bộ có cả quỹ phát triển sinh kế và quỹ hoạt động',
    nameEn: 'Share of clubs holding both funds',
    definition:
      'Clubs active in P holding an income-generation fund and an activity fund opened on or before the end of P, as a ' +
      `percentage of clubs active in P. ${activeClub}`,
    numerator: 'Clubs active in P with both funds',
    denominator: 'Clubs active in P',
    unit: IndicatorUnit.PERCENT,
    instrument: Instrument.DECISION_1336,
    policyTarget: '100 % of clubs with both funds by the end of 2025.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.bothFunds'), denominator: m('club.active') },
    people: [],
  },
  {
    id: 'clubs_fully_active',
    nameVi: 'Tỷ lệ câu lạc bộ hoạt động đầy đủ',
    nameEn: 'Share of clubs fully active',
    definition:
      'Clubs active in P that hold both funds (opened on or before the end of P) and held at least 10 meetings in the 12 ' +
      `months to the end of P, as a percentage of clubs active in P. A measurable proxy for "fully active". ${last12Months}`,
    numerator: 'Clubs active in P with both funds and at least 10 meetings in the 12 months to its end',
    denominator: 'Clubs active in P',
    unit: IndicatorUnit.PERCENT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'At least 70 % of clubs fully active by the end of 2025.',
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('club.fullyActive'), denominator: m('club.active') },
    people: [],
  },
  {
    id: 'members_borrowed_12m',
    nameVi: 'Tỷ lệ thành viên được vay vốn trong 12 tháng',
    nameEn: 'Members who borrowed in the last 12 months',
    definition: `Members in P who received at least one loan disbursed in the 12 months to the end of P, as a percentage of members in P. ${member} ${last12Months}`,
    numerator: 'Members in P with a loan disbursed in the 12 months to the end of P',
    denominator: 'Members in P',
    unit: IndicatorUnit.PERCENT,
    instrument: Instrument.DECISION_1336,
    policyTarget: 'At least 50 % of members borrowing by the end of 2025.',
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('borrower.borrowers12m'), denominator: m('member.members') },
    people: ['borrower.borrowers12m', 'member.members'],
  },
  {
    id: 'fund_capital',
    nameVi: 'Tổng vốn các quỹ của câu lạc bộ',
    nameEn: 'Fund capital',
    definition: `Capital at the end of P of every fund of the clubs active in P. ${capital}`,
    numerator: 'Capital of all funds at the end of P (đồng)',
    denominator: null,
    unit: IndicatorUnit.DONG,
    instrument: null,
    policyTarget: null,
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('fund.capital') },
    people: [],
  },
  {
    id: 'income_generation_fund_capital',
    nameVi: 'Vốn quỹ phát triển sinh kế',
    nameEn: 'Income-generation fund capital',
    definition: `Capital at the end of P of the income-generation funds of the clubs active in P. ${capital}`,
    numerator: 'Capital of income-generation funds at the end of P (đồng)',
    denominator: null,
    unit: IndicatorUnit.DONG,
    instrument: null,
    policyTarget: null,
    disaggregations: CLUB_DIMENSIONS,
    compute: { numerator: m('fund.igCapital') },
    people: [],
  },
  {
    id: 'loans_outstanding',
    nameVi: 'Dư nợ cho vay',
    nameEn: 'Loans outstanding',
    definition:
      'For loans of clubs active in P disbursed on or before the end of P and not closed (repaid or written off) by then: ' +
      'principal less repayments recorded on or before the end of P, never below zero.',
    numerator: 'Outstanding principal at the end of P (đồng)',
    denominator: null,
    unit: IndicatorUnit.DONG,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('loan.outstanding') },
    people: ['loan.outstandingLoans'],
  },
  {
    id: 'on_time_repayment_rate',
    nameVi: 'Tỷ lệ khoản vay hoàn trả đúng hạn',
    nameEn: 'On-time repayment rate',
    definition:
      'Loans of clubs active in P falling due in P that were repaid in full on or before their due date, as a percentage ' +
      'of the loans falling due in P.',
    numerator: 'Loans due in P repaid in full by the due date',
    denominator: 'Loans due in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('loan.onTimeLoans'), denominator: m('loan.dueLoans') },
    people: ['loan.onTimeLoans', 'loan.dueLoans'],
  },
  {
    id: 'portfolio_overdue_30',
    nameVi: 'Tỷ lệ dư nợ quá hạn trên 30 ngày',
    nameEn: 'Portfolio overdue more than 30 days',
    definition:
      'Outstanding principal at the end of P of loans more than 30 days past their due date, as a percentage of all ' +
      'outstanding principal at the end of P (see loans_outstanding).',
    numerator: 'Outstanding principal more than 30 days past due (đồng)',
    denominator: 'Outstanding principal (đồng)',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('loan.overdue30'), denominator: m('loan.outstanding') },
    people: ['loan.outstandingLoans'],
  },
  {
    id: 'average_loan_size',
    nameVi: 'Mức vay bình quân',
    nameEn: 'Average loan size',
    definition: 'Principal of the loans of clubs active in P disbursed in P, divided by the number of those loans (whole đồng).',
    numerator: 'Principal disbursed in P (đồng)',
    denominator: 'Loans disbursed in P',
    unit: IndicatorUnit.DONG,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('loan.disbursedAmount'), denominator: m('loan.disbursedLoans') },
    people: ['loan.disbursedLoans'],
  },
  {
    id: 'home_care_volunteers_per_club',
    nameVi: 'Số tình nguyện viên chăm sóc tại nhà bình quân mỗi câu lạc bộ',
    nameEn: 'Home-care volunteers per club',
    definition: `Members in P who are home-care volunteers, divided by the clubs active in P (policy norm: at least 5). ${member}`,
    numerator: 'Home-care volunteers among members in P',
    denominator: 'Clubs active in P',
    unit: IndicatorUnit.RATIO,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('member.volunteers'), denominator: m('club.active') },
    people: ['member.volunteers'],
  },
  {
    id: 'board_trained_12m',
    nameVi: 'Tỷ lệ thành viên Ban chủ nhiệm được tập huấn trong 12 tháng',
    nameEn: 'Board members trained in the last 12 months',
    definition:
      'Board members among members in P who attended a training course starting in the 12 months to the end of P, as a ' +
      `percentage of board members among members in P. ${member} ${last12Months}`,
    numerator: 'Board members in P trained in the 12 months to the end of P',
    denominator: 'Board members in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('trainee.boardTrained12m'), denominator: m('member.board') },
    people: ['trainee.boardTrained12m', 'member.board'],
  },
  {
    id: 'training_courses',
    nameVi: 'Số lớp tập huấn',
    nameEn: 'Training courses held',
    definition:
      'Training courses starting in P, counted at the unit whose association organised them (and every unit above it); ' +
      'courses organised nationally count at the nation only.',
    numerator: 'Courses starting in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: [],
    compute: { numerator: m('course.courses') },
    people: [],
  },
  {
    id: 'trainees',
    nameVi: 'Số thành viên được tập huấn',
    nameEn: 'Trainees',
    definition: `Members (memberships) who attended at least one training course starting in P, counted at their club's unit. ${age}`,
    numerator: 'Members who attended a course starting in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: MEMBER_DIMENSIONS,
    compute: { numerator: m('trainee.trainees') },
    people: ['trainee.trainees'],
  },
  {
    id: 'awards_granted',
    nameVi: 'Số khen thưởng',
    nameEn: 'Awards granted',
    definition:
      "Awards granted in P: to clubs (at the club's unit), to members (at their club's unit) and to the associations of " +
      'administrative units (at that unit).',
    numerator: 'Awards granted in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: [],
    compute: { numerator: m('award.awards') },
    people: [],
  },
  {
    id: 'reporting_completeness',
    nameVi: 'Tỷ lệ báo cáo tháng đầy đủ',
    nameEn: 'Reporting completeness',
    definition: `Monthly club reports received for the months expected in P, as a percentage of the reports expected. ${expectedReport}`,
    numerator: 'Reports received for expected club-months',
    denominator: 'Reports expected (club-months)',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.report,
    compute: { numerator: m('report.received'), denominator: m('report.expected') },
    people: [],
  },
  {
    id: 'reporting_timeliness',
    nameVi: 'Tỷ lệ báo cáo tháng đúng hạn',
    nameEn: 'Reporting timeliness',
    definition:
      'Monthly club reports first submitted by the deadline (the REPORT_DEADLINE_DAY of the next month, the 10th by default; a later ' +
      `correction keeps the first submission's day), as a percentage of the reports expected in P. ${expectedReport}`,
    numerator: 'Reports first submitted by the deadline, for expected club-months',
    denominator: 'Reports expected (club-months)',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.report,
    compute: { numerator: m('report.onTime'), denominator: m('report.expected') },
    people: [],
  },
  // --- supervision family: club quality (issue 15, item 6) ---
  {
    id: 'clubs_supervised_12m',
    nameVi: 'Tỷ lệ câu lạc bộ được giám sát trong 12 tháng',
    nameEn: 'Clubs supervised in the last 12 months',
    definition:
      'Clubs active in P with at least one supervision visit (by an association of any level) in the 12 months to the end of P, ' +
      `as a percentage of clubs active in P. ${activeClub} ${last12Months}`,
    numerator: 'Clubs active in P visited in the 12 months to the end of P',
    denominator: 'Clubs active in P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.supervision,
    compute: { numerator: m('supervision.supervised12m'), denominator: m('club.active') },
    people: [],
  },
  {
    id: 'clubs_rated_weak',
    nameVi: 'Tỷ lệ câu lạc bộ được đánh giá yếu',
    nameEn: 'Share of clubs rated weak',
    definition:
      "Clubs active in P whose latest supervision rating on or before the end of P is WEAK, as a percentage of clubs active in P " +
      `that have a rating on or before the end of P (the latest visit counts; visits on one day, the last recorded). ${activeClub}`,
    numerator: 'Clubs active in P whose latest rating is WEAK',
    denominator: 'Clubs active in P with a rating',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.supervision,
    compute: { numerator: m('supervision.weak'), denominator: m('supervision.rated') },
    people: [],
  },
  // --- end of supervision family ---
  // --- health families: screenings, blood pressure and home care (issue 20) ---
  {
    id: 'members_screened_12m',
    nameVi: 'Số thành viên được sàng lọc ICOPE trong 12 tháng',
    nameEn: 'Members screened (ICOPE) in the last 12 months',
    definition: `Members in P with at least one ICOPE screening in the 12 months to the end of P. ${screening} ${member} ${last12Months} ${age}`,
    numerator: 'Members in P screened in the 12 months to the end of P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.health,
    compute: { numerator: m('health.screened12m') },
    people: ['health.screened12m'],
  },
  ...ICOPE_DOMAINS.map(icopeIndicator),
  {
    id: 'screen_positive_referred',
    nameVi: 'Tỷ lệ sàng lọc dương tính được chuyển tuyến',
    nameEn: 'Share of positive screenings referred',
    definition:
      'Members in P with a screening positive in at least one domain in the 12 months to the end of P for whom such a positive ' +
      'screening recorded a referral (to any level of care), as a percentage of members in P with a positive screening in those months. ' +
      `${screening} ${member} ${last12Months}`,
    numerator: 'Members in P with a positive screening that recorded a referral, in the 12 months to the end of P',
    denominator: 'Members in P with a positive screening in the 12 months to the end of P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.health,
    compute: { numerator: m('health.referred12m'), denominator: m('health.positive12m') },
    people: ['health.referred12m', 'health.positive12m'],
  },
  {
    id: 'bp_checked_3m',
    nameVi: 'Số thành viên được đo huyết áp trong 3 tháng',
    nameEn: 'Members with a blood pressure check in the last 3 months',
    definition: `Members in P with a health check recording a blood pressure reading in the 3 months to the end of P. ${member} ${last3Months} ${age}`,
    numerator: 'Members in P with a blood pressure reading in the 3 months to the end of P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.health,
    compute: { numerator: m('health.bpChecked3m') },
    people: ['health.bpChecked3m'],
  },
  {
    id: 'bp_high_share',
    nameVi: 'Tỷ lệ huyết áp từ 140/90 mmHg trong số được đo',
    nameEn: 'Share with a reading of 140/90 mmHg or more among those checked',
    definition:
      'Members in P whose latest blood pressure reading in the 3 months to the end of P is 140 mmHg systolic or 90 mmHg diastolic ' +
      `or more, as a percentage of members in P with a reading in those months (one reading a day per member). ${member} ${last3Months}`,
    numerator: 'Members in P whose latest reading in the 3 months to the end of P is ≥ 140 systolic or ≥ 90 diastolic',
    denominator: 'Members in P with a blood pressure reading in the 3 months to the end of P',
    unit: IndicatorUnit.PERCENT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.health,
    compute: { numerator: m('health.bpHigh3m'), denominator: m('health.bpChecked3m') },
    people: ['health.bpHigh3m', 'health.bpChecked3m'],
  },
  {
    id: 'home_care_visits_per_month',
    nameVi: 'Số lượt chăm sóc tại nhà mỗi tháng',
    nameEn: 'Home-care visits per month',
    definition:
      'Home-care visits in P divided by the months P spans (a month counts by the share of its days in P: 1 for a month, 12 for a year). ' +
      `${homeCareVisit} For viewers who may not read the unit's people, the visits are shown only when the members visited, rounded down to a multiple of 5, are at least 5.`,
    numerator: 'Home-care visits in P',
    denominator: 'Months in P',
    unit: IndicatorUnit.RATIO,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.homeCare,
    compute: { numerator: m('homeCare.visits'), denominator: { monthsInPeriod: true } },
    people: ['homeCare.visited'],
  },
  {
    id: 'members_home_care',
    nameVi: 'Số thành viên được chăm sóc tại nhà',
    nameEn: 'Members receiving home-care visits',
    definition: `Members visited at least once in P (each member once). ${homeCareVisit}`,
    numerator: 'Members visited in P',
    denominator: null,
    unit: IndicatorUnit.COUNT,
    instrument: null,
    policyTarget: null,
    disaggregations: FAMILY_DIMENSIONS.homeCare,
    compute: { numerator: m('homeCare.visited') },
    people: ['homeCare.visited'],
  },
  // --- end of health families ---
];

const BY_ID = new Map(INDICATORS.map((d) => [d.id, d]));

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return BY_ID.get(id);
}

/** The measures an indicator reads (province coverage reads active clubs). */
export function measuresOf(definition: IndicatorDefinition): MeasureId[] {
  const terms = [definition.compute.numerator, definition.compute.denominator].filter((t): t is Term => !!t);
  const measures = terms.flatMap((t): MeasureId[] => ('measure' in t ? [t.measure] : 'provincesWithClubs' in t ? ['club.active'] : []));
  return [...new Set([...measures, ...definition.people])];
}
