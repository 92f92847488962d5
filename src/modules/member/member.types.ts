import { Connection } from '../../graphql/pagination';
import { Member } from './member.entity';

export const MemberConnection = Connection(Member, 'Member');
