import { describeSqsBehaviourContract } from './sqs-behaviour.contract';
import { localSqsTarget } from './sqs-targets';

describeSqsBehaviourContract(localSqsTarget);
