import { describeDynamoDbBehaviour } from './dynamodb-behaviour.contract';
import { awsDynamoDbTarget } from './dynamodb-targets';

describeDynamoDbBehaviour(awsDynamoDbTarget);
