import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { and, intArray, sql } from '../../db/sql';
import { byId } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { PageArgs } from '../../graphql/pagination';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { TrainingCourse } from './training.entity';
import { TrainingCourseFilter, trainingFilterSql } from './training.inputs';

export interface CourseListArgs {
  filter?: TrainingCourseFilter;
  page: PageArgs;
}

/** Request-scoped reads of training courses: by id, by trainee, and courses organised within a unit. */
export function createTrainingLoaders(em: EntityManager, units: UnitDirectory) {
  const coursesWithin = new Map<AdministrativeUnit, ReturnType<typeof coursesLoader>>();
  const coursesLoader = (unit: AdministrativeUnit) =>
    connectionLoader<CourseListArgs, TrainingCourse>(
      em,
      (args) => ({
        from: 'training_course tc',
        select: 'tc.*',
        parent: '0',
        // The nation's list holds every course; a unit's, those its own or a lower unit's association organised
        // (a unit of either structure lying wholly inside it).
        where: and([
          unit.level === UnitLevel.NATION
            ? null
            : sql('tc.organiser_unit_id = any(?::int[])', intArray(units.unitsWithin(unit).map((u) => u.dbId))),
          trainingFilterSql(args.filter, 'tc'),
        ]),
        sort: { expr: 'tc.starts_on::text', direction: 'desc' },
        id: 'tc.id',
      }),
      rowMapper(em, TrainingCourse),
    );

  return {
    courseById: byId(em, TrainingCourse),

    /** Courses each member attended, newest first. */
    coursesByMember: new DataLoader<number, TrainingCourse[]>(async (memberIds) => {
      const toCourse = rowMapper(em, TrainingCourse);
      const rows = await em.getConnection('read').execute<Array<Record<string, unknown> & { trainee_member_id: number }>>(
        `select t.member_id as trainee_member_id, tc.* from trainee t join training_course tc on tc.id = t.course_id
         where t.member_id = any(?::int[]) order by tc.starts_on desc, tc.id desc`,
        [intArray(memberIds)],
      );
      const lists = new Map<number, TrainingCourse[]>(memberIds.map((id) => [id, []]));
      for (const { trainee_member_id, ...course } of rows) lists.get(trainee_member_id)?.push(toCourse(course));
      return memberIds.map((id) => lists.get(id)!);
    }),

    coursesWithin(unit: AdministrativeUnit, args: CourseListArgs) {
      let loader = coursesWithin.get(unit);
      if (!loader) {
        loader = coursesLoader(unit);
        coursesWithin.set(unit, loader);
      }
      return loader(0, args);
    },
  };
}
