import { EntityManager } from '@mikro-orm/postgresql';
import { and, sql } from '../../db/sql';
import { BadUserInputError } from '../../errors';
import { byId } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { PageArgs } from '../../graphql/pagination';
import { Meeting } from './club.entity';

export interface MeetingListArgs {
  from?: string;
  to?: string;
  page: PageArgs;
}

/** A club's meetings, newest first, optionally within dates; batched across clubs. */
export function createMeetingLoaders(em: EntityManager) {
  const meetings = connectionLoader<MeetingListArgs, Meeting>(
    em,
    (args) => ({
      from: 'meeting g',
      select: 'g.*',
      parent: 'g.club_id',
      where: and([args.from ? sql('g.held_on >= ?::date', args.from) : null, args.to ? sql('g.held_on <= ?::date', args.to) : null]),
      sort: { expr: 'g.held_on::text', direction: 'desc' },
      id: 'g.id',
    }),
    rowMapper(em, Meeting),
  );
  return {
    meetingById: byId(em, Meeting),
    meetingsOf(clubId: number, args: MeetingListArgs) {
      if (args.from && args.to && args.from > args.to) throw new BadUserInputError('"from" must not be after "to"', 'from');
      return meetings(clubId, args);
    },
  };
}
