import { Connection } from '../../graphql/pagination';
import { Club, Meeting } from './club.entity';

export const ClubConnection = Connection(Club, 'Club');
export const MeetingConnection = Connection(Meeting, 'Meeting');
