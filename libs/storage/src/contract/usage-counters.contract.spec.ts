import { localDynamoDbTarget } from './dynamodb-targets';
import { dynamoDbCounters, inMemoryCounters } from './port-bindings';
import { describeUsageCountersContract } from './usage-counters.contract';

describeUsageCountersContract('InMemoryUsageCounters', inMemoryCounters);
describeUsageCountersContract('DynamoDbUsageCounters on the local DynamoDB', dynamoDbCounters(localDynamoDbTarget));
