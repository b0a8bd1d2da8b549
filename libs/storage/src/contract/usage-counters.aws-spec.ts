import { awsDynamoDbTarget } from './dynamodb-targets';
import { dynamoDbCounters } from './port-bindings';
import { describeUsageCountersContract } from './usage-counters.contract';

describeUsageCountersContract('DynamoDbUsageCounters on AWS', dynamoDbCounters(awsDynamoDbTarget));
