import { describeS3BehaviourContract } from './s3-behaviour.contract';
import { awsS3Target } from './s3-targets';

describeS3BehaviourContract(awsS3Target);
