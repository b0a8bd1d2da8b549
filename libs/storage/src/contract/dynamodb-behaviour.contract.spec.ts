import { describeDynamoDbBehaviour } from './dynamodb-behaviour.contract';
import { localDynamoDbTarget } from './dynamodb-targets';

describeDynamoDbBehaviour(localDynamoDbTarget);
