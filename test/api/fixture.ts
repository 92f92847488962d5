import { Club } from '../../src/modules/club/club.entity';
import { ClubStatus, Programme } from '../../src/modules/club/club.enums';
import { Fund, Loan } from '../../src/modules/fund/fund.entity';
import { ContributionSource, FundKind, LoanStatus, TransactionKind } from '../../src/modules/fund/fund.enums';
import { Member } from '../../src/modules/member/member.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { AwardKind } from '../../src/modules/award/award.enums';
import { TrainingCourse } from '../../src/modules/training/training.entity';
import { given } from '../support/given';
import { TestHub } from '../support/hub';

export interface Fixture {
  hungPhu: Club;
  kyTien2: Club;
  hoaThang: Club;
  newClub: Club;
  chair: Member;
  members: Member[];
  former: Member;
  /** A member of the Đắk Lắk club. */
  outsider: Member;
  incomeFund: Fund;
  activityFund: Fund;
  loan: Loan;
  course: TrainingCourse;
}

/**
 * A small, hand-checked world: two clubs in xã Kỳ Tiến (Hà Tĩnh), one dissolved club in xã Hòa Thắng
 * (Đắk Lắk), one club founded after the 2025 reform, with members, funds, a loan, meetings, a course and
 * awards. Tests compute expected figures from these rows by hand.
 */
export async function buildFixture(hub: TestHub): Promise<Fixture> {
  const g = given(hub.orm);
  const hungPhu = await g.club({
    code: 'HT-18769-01',
    name: 'CLB Liên thế hệ tự giúp nhau thôn Hưng Phú',
    village: 'Thôn Hưng Phú',
    pre2025: '18769',
    post2025: '18775',
    foundedOn: '2015-05-01',
    programme: Programme.NGO_PROJECT,
    meetingDay: 10,
  });
  const kyTien2 = await g.club({ code: 'HT-18769-02', name: 'CLB Liên thế hệ thôn Tân Phú', pre2025: '18769', post2025: '18775', foundedOn: '2021-03-15' });
  const hoaThang = await g.club({
    code: 'DL-24166-01',
    name: 'CLB Liên thế hệ tự giúp nhau thôn 11',
    pre2025: '24166',
    post2025: '24121',
    foundedOn: '2019-01-01',
    programme: Programme.DECISION_1533,
    status: ClubStatus.DISSOLVED,
    dissolvedOn: '2024-06-30',
  });
  const newClub = await g.club({ code: 'N24121-01', name: 'CLB Liên thế hệ tổ dân phố 3', post2025: '24121', foundedOn: '2025-09-01', programme: Programme.DECISION_1648 });

  // Hưng Phú: six current members and one former.
  const chair = await g.member(hungPhu, { fullName: 'Trần Thị Hoa', birthYear: 1950, birthDate: '1950-03-02', boardRole: BoardRole.CHAIR, povertyStatus: PovertyStatus.NEAR_POOR, joinedOn: '2015-05-01', homeCareVolunteer: true });
  const members = [
    chair,
    await g.member(hungPhu, { fullName: 'Lê Văn Bình', sex: Sex.MALE, birthYear: 1980, boardRole: BoardRole.TREASURER, joinedOn: '2015-05-01' }),
    await g.member(hungPhu, { fullName: 'Nguyễn Thị Lan', birthYear: 1945, boardRole: BoardRole.VICE_CHAIR, povertyStatus: PovertyStatus.POOR, joinedOn: '2016-01-10' }),
    await g.member(hungPhu, { fullName: 'Phạm Thị Mai', birthYear: 1963, birthDate: '1963-12-31', joinedOn: '2018-07-01' }),
    await g.member(hungPhu, { fullName: 'Hoàng Văn Nam', sex: Sex.MALE, birthYear: 1958, povertyStatus: PovertyStatus.POOR, joinedOn: '2024-02-01' }),
    await g.member(hungPhu, { fullName: 'Đặng Thị Yến', birthYear: 1990, boardRole: BoardRole.SECRETARY, joinedOn: '2015-05-01' }),
  ];
  const former = await g.member(hungPhu, { fullName: 'Bùi Văn Cường', sex: Sex.MALE, birthYear: 1940, joinedOn: '2015-05-01', leftOn: '2022-08-15', leaveReason: LeaveReason.DECEASED });
  await g.member(kyTien2, { fullName: 'Võ Thị Hạnh', birthYear: 1952, boardRole: BoardRole.CHAIR, joinedOn: '2021-03-15' });
  await g.member(kyTien2, { fullName: 'Đỗ Văn Hùng', sex: Sex.MALE, birthYear: 1975, joinedOn: '2021-03-15' });
  const outsider = await g.member(hoaThang, { fullName: 'H\' Bia Niê', birthYear: 1955, ethnicity: 'Ê Đê', joinedOn: '2019-01-01', leftOn: '2024-06-30', leaveReason: LeaveReason.CLUB_DISSOLVED });
  await g.member(newClub, { fullName: 'Y Bhin Êban', sex: Sex.MALE, birthYear: 1960, ethnicity: 'Ê Đê', joinedOn: '2025-09-01' });

  const incomeFund = await g.fund(hungPhu, { kind: FundKind.INCOME_GENERATION, openedOn: '2015-06-01' });
  const activityFund = await g.fund(hungPhu, { kind: FundKind.ACTIVITY, openedOn: '2015-06-01' });
  await g.fund(kyTien2, { kind: FundKind.ACTIVITY, openedOn: '2021-04-01' });
  await g.transaction(incomeFund, { occurredOn: '2015-06-01', amount: 200_000_000n, source: ContributionSource.DONOR_OR_PROJECT });
  await g.transaction(incomeFund, { occurredOn: '2023-12-31', kind: TransactionKind.INTEREST, amount: 1_500_000n });
  await g.transaction(activityFund, { occurredOn: '2023-01-05', kind: TransactionKind.MEMBER_FEE, amount: 180_000n, source: ContributionSource.MEMBERS });
  await g.transaction(activityFund, { occurredOn: '2023-02-05', kind: TransactionKind.EXPENSE, amount: 50_000n });
  const loan = await g.loan(incomeFund, members[3], { principal: 20_000_000n, disbursedOn: '2023-03-01', dueOn: '2024-03-01', instalments: 2 });
  await g.transaction(incomeFund, { occurredOn: '2023-03-01', kind: TransactionKind.LOAN_DISBURSEMENT, amount: 20_000_000n, loan, member: members[3] });
  await g.transaction(incomeFund, { occurredOn: '2023-09-01', kind: TransactionKind.REPAYMENT, amount: 8_000_000n, loan, member: members[3] });
  await g.loan(incomeFund, members[4], { principal: 5_000_000n, disbursedOn: '2024-05-01', dueOn: '2024-11-01', status: LoanStatus.REPAID, closedOn: '2024-11-01' });

  for (const heldOn of ['2023-01-10', '2023-02-10', '2023-04-10', '2024-01-10']) await g.meeting(hungPhu, { heldOn, attendance: 5 });

  const course = await g.course({ organiser: { structure: AdminStructure.PRE_2025, code: '42' }, title: 'Tập huấn quản lý quỹ', startsOn: '2023-06-01', endsOn: '2023-06-02' });
  await g.trainee(course, chair);
  await g.course({ organiser: { structure: AdminStructure.PRE_2025, code: '66' }, title: 'Tập huấn chăm sóc tại nhà', startsOn: '2022-04-01', endsOn: '2022-04-01' });

  await g.award({ club: hungPhu }, { kind: AwardKind.BANG_KHEN, issuer: 'UBND tỉnh Hà Tĩnh', decisionNumber: '1234/QĐ-UBND', grantedOn: '2023-10-01' });
  await g.award({ member: chair }, { grantedOn: '2022-10-01' });
  await g.award({ association: { structure: AdminStructure.PRE_2025, code: '447' } }, { grantedOn: '2021-10-01' });
  await g.award({ club: hoaThang }, { issuer: 'UBND thành phố Buôn Ma Thuột', grantedOn: '2020-10-01' });

  return { hungPhu, kyTien2, hoaThang, newClub, chair, members, former, outsider, incomeFund, activityFund, loan, course };
}
