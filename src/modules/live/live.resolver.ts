import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../context';
import { Change } from './change-feed';
import { ChangeEvent, ChangeFilter } from './change.types';
import { subscribeToChanges, toChangeEvent } from './live.service';

/** Live updates: which records committed writes changed, by id, for pages to refetch. */
@Resolver()
export class LiveResolver {
  @Subscription(() => ChangeEvent, {
    description:
      'Committed writes (mutations, imports, approvals) as they happen, by ids only: refetch what you show through the ordinary ' +
      'queries. Over WebSocket (graphql-ws) at /graphql. Any key or signed-in person; an association hears of its own area only. ' +
      'A GAP event means events may have been missed: refetch everything shown.',
    subscribe: ({ args, context }) => subscribeToChanges(context as HubContext, (args as { filter?: ChangeFilter }).filter),
  })
  changes(@Root() change: Change, @Arg('filter', () => ChangeFilter, { nullable: true }) _filter?: ChangeFilter): ChangeEvent {
    return toChangeEvent(change);
  }
}
