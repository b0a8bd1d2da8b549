import { describeS3BehaviourContract } from './s3-behaviour.contract';
import { localS3Target } from './s3-targets';

describeS3BehaviourContract(localS3Target);
