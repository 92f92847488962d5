import { Connection } from '../../graphql/pagination';
import { TrainingCourse } from './training.entity';

export const TrainingCourseConnection = Connection(TrainingCourse, 'TrainingCourse');
