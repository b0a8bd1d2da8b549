import { describeSqsBehaviourContract } from './sqs-behaviour.contract';
import { awsSqsTarget } from './sqs-targets';

describeSqsBehaviourContract(awsSqsTarget);
