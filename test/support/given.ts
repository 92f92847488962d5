import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AdminUnit } from '../../src/modules/admin-unit/admin-unit.entity';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { Award } from '../../src/modules/award/award.entity';
import { AwardKind, AwardRecipientKind } from '../../src/modules/award/award.enums';
import { Club, Meeting } from '../../src/modules/club/club.entity';
import { ActivityArea, ClubStatus, Programme } from '../../src/modules/club/club.enums';
import { Fund, FundTransaction, Loan } from '../../src/modules/fund/fund.entity';
import { FundKind, LoanStatus, TransactionKind } from '../../src/modules/fund/fund.enums';
import { Member } from '../../src/modules/member/member.entity';
import { PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { Trainee, TrainingCourse } from '../../src/modules/training/training.entity';
import { UnitLevel } from '../../src/modules/admin-unit/admin-unit.enums';

let sequence = 0;
const next = () => ++sequence;

type Fields<T> = Partial<{ [K in keyof T]: T[K] }>;

/** Test data builders: each test inserts the few rows it needs into its own database, through the ORM. */
export function given(orm: MikroORM) {
  /** Builds an entity with a fresh EntityManager (for references) and inserts it. */
  const save = async <T extends object>(build: (em: EntityManager) => T): Promise<T> => {
    const em = orm.em.fork();
    const entity = build(em);
    em.persist(entity);
    await em.flush();
    return entity;
  };
  /** The database id of a unit given by structure and code. */
  const unitId = async (structure: AdminStructure, code?: string): Promise<number | undefined> =>
    code ? (await orm.em.fork().findOneOrFail(AdminUnit, { structure, code })).id : undefined;
  const unitRef = (em: EntityManager, id: number | undefined) => (id === undefined ? undefined : em.getReference(AdminUnit, id));

  return {
    /** A club attached to communes given by code (PRE_2025 and/or POST_2025). */
    async club(fields: { pre2025?: string; post2025?: string } & Fields<Omit<Club, 'communePre2025' | 'communePost2025'>> = {}): Promise<Club> {
      const { pre2025, post2025, ...rest } = fields;
      const n = next();
      const [preId, postId] = [await unitId(AdminStructure.PRE_2025, pre2025), await unitId(AdminStructure.POST_2025, post2025)];
      return save((em) =>
        Object.assign(new Club(), {
          code: `T${String(n).padStart(5, '0')}`,
          name: `CLB liên thế hệ tự giúp nhau số ${n}`,
          foundedOn: '2021-03-15',
          programme: Programme.DECISION_1336,
          status: ClubStatus.ACTIVE,
          communePre2025: unitRef(em, preId),
          communePost2025: unitRef(em, postId),
          ...rest,
        }),
      );
    },

    async member(club: Club, fields: Fields<Omit<Member, 'club'>> = {}): Promise<Member> {
      const n = next();
      return save((em) =>
        Object.assign(new Member(), {
          club: em.getReference(Club, club.id),
          fullName: `Nguyễn Thị Thành viên ${n}`,
          sex: Sex.FEMALE,
          birthYear: 1955,
          povertyStatus: PovertyStatus.NOT_POOR,
          joinedOn: '2021-04-01',
          ...fields,
        }),
      );
    },

    async meeting(club: Club, fields: Fields<Omit<Meeting, 'club'>> = {}): Promise<Meeting> {
      return save((em) =>
        Object.assign(new Meeting(), {
          club: em.getReference(Club, club.id),
          heldOn: '2023-05-10',
          attendance: 40,
          activityAreas: [ActivityArea.HEALTH_CARE, ActivityArea.LIVELIHOODS],
          ...fields,
        }),
      );
    },

    async fund(club: Club, fields: Fields<Omit<Fund, 'club'>> = {}): Promise<Fund> {
      return save((em) => Object.assign(new Fund(), { club: em.getReference(Club, club.id), kind: FundKind.INCOME_GENERATION, openedOn: '2021-04-01', ...fields }));
    },

    async transaction(fund: Fund, fields: Fields<Omit<FundTransaction, 'fund'>> = {}): Promise<FundTransaction> {
      return save((em) =>
        Object.assign(new FundTransaction(), {
          fund: em.getReference(Fund, fund.id),
          occurredOn: '2021-04-01',
          kind: TransactionKind.CONTRIBUTION,
          amount: 10_000_000n,
          ...fields,
        }),
      );
    },

    async loan(fund: Fund, borrower: Member, fields: Fields<Omit<Loan, 'fund' | 'borrower'>> = {}): Promise<Loan> {
      return save((em) =>
        Object.assign(new Loan(), {
          fund: em.getReference(Fund, fund.id),
          borrower: em.getReference(Member, borrower.id),
          principal: 10_000_000n,
          disbursedOn: '2023-01-10',
          dueOn: '2024-01-10',
          status: LoanStatus.CURRENT,
          ...fields,
        }),
      );
    },

    async course(fields: { organiser?: { structure: AdminStructure; code: string } } & Fields<Omit<TrainingCourse, 'organiserUnit'>> = {}) {
      const { organiser, ...rest } = fields;
      const organiserId = organiser ? await unitId(organiser.structure, organiser.code) : undefined;
      const level = organiser ? (await orm.em.fork().findOneOrFail(AdminUnit, organiserId!)).level : UnitLevel.NATION;
      return save((em) =>
        Object.assign(new TrainingCourse(), {
          title: 'Tập huấn nâng cao năng lực Ban chủ nhiệm CLB',
          topics: ['Quản lý quỹ'],
          organiserLevel: level,
          organiserUnit: unitRef(em, organiserId),
          startsOn: '2023-06-01',
          endsOn: '2023-06-02',
          ...rest,
        }),
      );
    },

    async trainee(course: TrainingCourse, member: Member): Promise<Trainee> {
      return save((em) => Object.assign(new Trainee(), { course: em.getReference(TrainingCourse, course.id), member: em.getReference(Member, member.id) }));
    },

    async award(recipient: { club?: Club; member?: Member; association?: { structure: AdminStructure; code: string } }, fields: Fields<Award> = {}) {
      const associationId = recipient.association ? await unitId(recipient.association.structure, recipient.association.code) : undefined;
      return save((em) =>
        Object.assign(new Award(), {
          kind: AwardKind.GIAY_KHEN,
          issuer: 'UBND huyện Kỳ Anh',
          grantedOn: '2023-11-20',
          recipientKind: recipient.club ? AwardRecipientKind.CLUB : recipient.member ? AwardRecipientKind.MEMBER : AwardRecipientKind.ASSOCIATION,
          club: recipient.club ? em.getReference(Club, recipient.club.id) : undefined,
          member: recipient.member ? em.getReference(Member, recipient.member.id) : undefined,
          associationUnit: unitRef(em, associationId),
          ...fields,
        }),
      );
    },
  };
}
