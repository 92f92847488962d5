import { Connection } from '../../graphql/pagination';
import { Award } from './award.entity';

export const AwardConnection = Connection(Award, 'Award');
